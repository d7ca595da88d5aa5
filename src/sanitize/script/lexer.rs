//! A small JavaScript tokenizer for the script classifier: enough of the grammar to see
//! strings (with every escape decoded), identifiers (escapes decoded too, so that
//! `\u006cocation` is `location`), numbers and punctuation, and to skip comments and
//! regular-expression literals. It never fails: odd input becomes punctuation.
//!
//! Template literals become `"head" + (<expr>) + "tail"`, so that their constant parts are
//! folded and judged like ordinary strings; placeholders nested deeper than
//! [`MAX_TEMPLATE_NESTING`] become opaque.

/// One token.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    Ident(String),
    Str(String),
    Num(f64),
    Punct(&'static str),
    /// A regular-expression literal, or an expression we do not model.
    Opaque,
}

const PUNCTS: &[&str] = &[
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "==", "!=", "=>", "<=", ">=", "&&",
    "||", "??", "?.", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "++", "--", "<<", ">>", "**",
    "{", "}", "(", ")", "[", "]", ";", ",", "<", ">", "+", "-", "*", "/", "%", "&", "|", "^", "!",
    "~", "?", ":", "=", ".", "@", "#",
];

/// Template placeholders inside placeholders that are still tokenized.
const MAX_TEMPLATE_NESTING: usize = 8;

/// Tokenizes `src`. `escapes` counts `\x`/`\u` escapes seen (an obfuscation signal).
pub(crate) fn tokenize(src: &str, escapes: &mut usize) -> Vec<Tok> {
    tokenize_chars(src.chars().collect(), escapes, 0)
}

fn tokenize_chars(s: Vec<char>, escapes: &mut usize, nesting: usize) -> Vec<Tok> {
    let mut lx = Lexer {
        s,
        i: 0,
        out: Vec::new(),
        escapes: 0,
        nesting,
    };
    lx.run();
    *escapes += lx.escapes;
    lx.out
}

struct Lexer {
    s: Vec<char>,
    i: usize,
    out: Vec<Tok>,
    escapes: usize,
    nesting: usize,
}

impl Lexer {
    fn peek(&self, k: usize) -> Option<char> {
        self.s.get(self.i + k).copied()
    }

    fn run(&mut self) {
        while let Some(c) = self.peek(0) {
            match c {
                c if c.is_whitespace() => self.i += 1,
                '/' if self.peek(1) == Some('/') => self.skip_line(),
                '/' if self.peek(1) == Some('*') => self.skip_block_comment(),
                '<' if self.starts_with("<!--") => self.skip_line(),
                '/' if self.regex_allowed() => self.skip_regex(),
                '\'' | '"' => {
                    let s = self.string(c);
                    self.out.push(Tok::Str(s));
                }
                '`' => self.template(),
                c if c.is_ascii_digit()
                    || (c == '.' && self.peek(1).is_some_and(|d| d.is_ascii_digit())) =>
                {
                    self.number()
                }
                c if is_ident_start(c) || c == '\\' => self.ident(),
                _ => self.punct(),
            }
        }
    }

    fn starts_with(&self, p: &str) -> bool {
        p.chars().enumerate().all(|(k, c)| self.peek(k) == Some(c))
    }

    fn skip_line(&mut self) {
        while self.peek(0).is_some_and(|c| c != '\n') {
            self.i += 1;
        }
    }

    fn skip_block_comment(&mut self) {
        self.i += 2;
        while self.peek(0).is_some() && !self.starts_with("*/") {
            self.i += 1;
        }
        self.i += 2;
    }

    /// A `/` starts a regex unless it follows something that ends an operand.
    fn regex_allowed(&self) -> bool {
        match self.out.last() {
            None => true,
            Some(Tok::Ident(id)) => matches!(
                id.as_str(),
                "return"
                    | "typeof"
                    | "case"
                    | "do"
                    | "else"
                    | "in"
                    | "of"
                    | "new"
                    | "delete"
                    | "void"
                    | "throw"
                    | "instanceof"
                    | "yield"
                    | "await"
            ),
            Some(Tok::Str(_) | Tok::Num(_) | Tok::Opaque) => false,
            Some(Tok::Punct(p)) => !matches!(*p, ")" | "]" | "}"),
        }
    }

    fn skip_regex(&mut self) {
        self.i += 1;
        let mut in_class = false;
        while let Some(c) = self.peek(0) {
            self.i += 1;
            match c {
                '\\' => self.i += 1,
                '[' => in_class = true,
                ']' => in_class = false,
                '/' if !in_class => break,
                '\n' => break,
                _ => {}
            }
        }
        while self.peek(0).is_some_and(|c| c.is_ascii_alphabetic()) {
            self.i += 1;
        }
        self.out.push(Tok::Opaque);
    }

    fn string(&mut self, quote: char) -> String {
        self.i += 1;
        let mut out = String::new();
        while let Some(c) = self.peek(0) {
            self.i += 1;
            match c {
                c if c == quote => break,
                '\\' => self.escape(&mut out),
                c => out.push(c),
            }
        }
        out
    }

    /// Decodes one escape (the backslash is consumed) into `out`.
    fn escape(&mut self, out: &mut String) {
        let Some(c) = self.peek(0) else { return };
        self.i += 1;
        let decoded = match c {
            'n' => Some('\n'),
            't' => Some('\t'),
            'r' => Some('\r'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            'v' => Some('\u{b}'),
            '0' if !self.peek(0).is_some_and(|d| d.is_ascii_digit()) => Some('\0'),
            'x' => self.hex(2),
            'u' => self.unicode(),
            '\r' | '\n' | '\u{2028}' | '\u{2029}' => None,
            c => Some(c),
        };
        out.extend(decoded);
    }

    fn hex(&mut self, n: usize) -> Option<char> {
        let digits: String = (0..n).filter_map(|k| self.peek(k)).collect();
        let v = u32::from_str_radix(&digits, 16)
            .ok()
            .filter(|_| digits.len() == n)?;
        self.i += n;
        self.escapes += 1;
        char::from_u32(v)
    }

    fn unicode(&mut self) -> Option<char> {
        if self.peek(0) != Some('{') {
            return self.hex(4);
        }
        let end = (self.i..self.s.len()).find(|&k| self.s[k] == '}')?;
        let digits: String = self.s[self.i + 1..end].iter().collect();
        self.i = end + 1;
        self.escapes += 1;
        u32::from_str_radix(&digits, 16)
            .ok()
            .and_then(char::from_u32)
    }

    fn template(&mut self) {
        self.i += 1;
        let mut part = String::new();
        while let Some(c) = self.peek(0) {
            self.i += 1;
            match c {
                '`' => break,
                '\\' => self.escape(&mut part),
                '$' if self.peek(0) == Some('{') => {
                    self.i += 1;
                    let start = self.i;
                    self.skip_placeholder();
                    let inner = self.s[start..self.i.saturating_sub(1).max(start)].to_vec();
                    self.out.push(Tok::Str(std::mem::take(&mut part)));
                    self.out.extend([Tok::Punct("+"), Tok::Punct("(")]);
                    if self.nesting < MAX_TEMPLATE_NESTING {
                        let mut esc = 0;
                        self.out
                            .extend(tokenize_chars(inner, &mut esc, self.nesting + 1));
                        self.escapes += esc;
                    } else {
                        self.out.push(Tok::Opaque);
                    }
                    self.out.extend([Tok::Punct(")"), Tok::Punct("+")]);
                }
                c => part.push(c),
            }
        }
        self.out.push(Tok::Str(part));
    }

    fn skip_placeholder(&mut self) {
        let mut depth = 1;
        while let Some(c) = self.peek(0) {
            self.i += 1;
            match c {
                '{' => depth += 1,
                '}' if depth == 1 => return,
                '}' => depth -= 1,
                '\'' | '"' => {
                    // `string` expects to stand on the opening quote.
                    self.i -= 1;
                    self.string(c);
                }
                _ => {}
            }
        }
    }

    fn number(&mut self) {
        let start = self.i;
        while self
            .peek(0)
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
        {
            self.i += 1;
        }
        let text: String = self.s[start..self.i]
            .iter()
            .filter(|&&c| c != '_')
            .collect();
        let lower = text.to_ascii_lowercase();
        let v = match lower.get(..2) {
            Some("0x") => u64::from_str_radix(&lower[2..], 16).ok().map(|v| v as f64),
            Some("0o") => u64::from_str_radix(&lower[2..], 8).ok().map(|v| v as f64),
            Some("0b") => u64::from_str_radix(&lower[2..], 2).ok().map(|v| v as f64),
            _ => lower.parse::<f64>().ok(),
        };
        self.out.push(v.map_or(Tok::Opaque, Tok::Num));
    }

    fn ident(&mut self) {
        let mut name = String::new();
        while let Some(c) = self.peek(0) {
            if c == '\\' && self.peek(1) == Some('u') {
                self.i += 2;
                name.extend(self.unicode());
            } else if is_ident_start(c) || c.is_ascii_digit() {
                name.push(c);
                self.i += 1;
            } else {
                break;
            }
        }
        if name.is_empty() {
            self.i += 1;
            return;
        }
        self.out.push(Tok::Ident(name));
    }

    fn punct(&mut self) {
        match PUNCTS.iter().find(|p| self.starts_with(p)) {
            Some(p) => {
                self.i += p.chars().count();
                self.out.push(Tok::Punct(p));
            }
            None => self.i += 1,
        }
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '$'
}
