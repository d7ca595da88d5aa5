//! The block holds' bookkeeping (stage 6, spam blocks): the open blocks, outermost first,
//! what each has read and decided so far, and the last child block kept.

use crate::sanitize::lexicon::Profile;

use super::super::layout_props::Layout;

use super::spots::{self, Spot};

/// The open blocks, outermost first.
#[derive(Debug, Default)]
pub struct Blocks {
    pub(super) open: Vec<Open>,
    pub(super) ids: u64,
}

#[derive(Debug)]
pub(super) struct Open {
    pub(super) id: u64,
    /// Where the block's start tag begins in `State::out`.
    pub(super) mark: usize,
    /// The block's own text before this offset is in `profile`.
    pub(super) scanned: usize,
    pub(super) profile: Profile,
    /// `profile` without the child blocks that are spam on their own (quotations kept),
    /// nor those that held blocks of their own (see `sections`).
    pub(super) context: Profile,
    /// The context of its closed child blocks that held blocks of their own (a column of
    /// a div layout): it frames what stands in a later one only as a list (`verdict::frame`).
    pub(super) sections: Profile,
    /// A child block closed inside it: it is a section, not a paragraph (see `lend`).
    pub(super) holds_blocks: bool,
    /// Cut past the bound as spam: what follows is cut as it comes.
    pub(super) dropping: bool,
    /// The last child block kept, while nothing but markup followed it.
    pub(super) last: Option<Kept>,
    /// The last child block was cut as spam, and nothing but markup followed it.
    pub(super) after_spam: bool,
    /// Its text echoes a spam query of the page's URL (see [`reflected_spam`]).
    pub(super) reflects: bool,
    /// The document itself (see `root`): never judged or cut whole.
    pub(super) root: bool,
    /// Spam inside it, cut when it closes unless it is editorial (see `spots`).
    pub(super) spots: Vec<Spot>,
    /// `later_hidden`'s count of foreign links when it opened: a later script may hide
    /// a block that held one.
    pub(super) foreign_at: u64,
    /// It is, or is inside, a list or a block quotation (see [`ITEMS`]).
    pub(super) item: bool,
    /// It is, or is inside, a list: a warning's list of the slogans it warns about quotes
    /// them item by item, with or without quotation marks.
    pub(super) list: bool,
    /// Foreign links cut from it as spam (see `anchor`): a short block around one is the
    /// advert's own frame.
    pub(super) spam_links: u32,
    /// Where the last of them was cut, in `State::out`.
    pub(super) link_at: Option<usize>,
    /// The profiles of the adverts cut inside it (see `is_advert_block`): they count for it
    /// only if its own kept text names a term too (a list of scam topics, one item of it an
    /// advert), never for a list whose other items are genuine.
    pub(super) cut_adverts: Profile,
    /// Where the start tags of the elements inside it that layout draws inline begin
    /// (`inline_display`), ascending: its text is read joined across them.
    pub(super) inline: Vec<usize>,
    /// An inline SVG or MathML drawing (see `drawn`): judged whole on its drawn text.
    pub(super) drawing: bool,
    /// The elements inside it whose text layout may move (`reorder`): where their start
    /// tags begin, ascending, and what moves it.
    pub(super) layout: Vec<(usize, Layout)>,
    /// Such an element passed inside it (or it is one): it is read as drawn too.
    pub(super) moves: bool,
    /// Its element's name.
    pub(super) tag: Box<str>,
    /// The blocks cut from inside it as spam: where each stood and its name, still counted
    /// among their siblings by the drawn reading (`layout_nth`), as the browser counts
    /// them: a cut piece must not shift the `:nth-child()` places of the rest.
    pub(super) gone: Vec<(usize, Box<str>)>,
    /// Judged spam on its drawn reading.
    pub(super) drawn: bool,
    /// A child of it that layout places went as spam (`reorder::piece_cut`).
    pub(super) piece_cut: bool,
    /// A landmark ([`LANDMARKS`]): its text is no frame for what stands outside it, nor
    /// is the text outside it a frame for a quotation inside it.
    pub(super) landmark: bool,
}

/// The landmarks of a page, by element or `role`: a sidebar's slogan is not quoted by a
/// warning in the main column (`verdict::frame`).
pub(super) const LANDMARKS: &[&str] = &["main", "aside", "nav", "header", "footer", "article"];

/// The ARIA roles of [`LANDMARKS`].
pub(super) const LANDMARK_ROLES: &[&str] = &[
    "main",
    "complementary",
    "navigation",
    "banner",
    "contentinfo",
    "article",
];

/// The blocks that quote: a list of slogans under a warning and its items, a block quotation.
pub(super) const ITEMS: &[&str] = &["ul", "ol", "dl", "li", "dt", "dd", "blockquote"];

impl Open {
    pub(super) fn new(id: u64, mark: usize, root: bool) -> Self {
        Self {
            id,
            mark,
            scanned: mark,
            profile: Profile::default(),
            context: Profile::default(),
            sections: Profile::default(),
            holds_blocks: false,
            dropping: false,
            last: None,
            after_spam: false,
            reflects: false,
            root,
            spots: Vec::new(),
            foreign_at: 0,
            item: false,
            list: false,
            spam_links: 0,
            link_at: None,
            cut_adverts: Profile::default(),
            inline: Vec::new(),
            drawing: false,
            layout: Vec::new(),
            moves: false,
            tag: Box::default(),
            gone: Vec::new(),
            drawn: false,
            piece_cut: false,
            landmark: false,
        }
    }
}

/// A child block that was kept: a short one with a betting term goes after all when a spam
/// block comes right after it (the headline "Top 10 nhà cái uy tín" over its advert). A run
/// of such taglines with only markup between them is one (`mark` is the first one's): the
/// items of a topic list before its first spam item.
#[derive(Debug, Clone, Copy)]
pub(super) struct Kept {
    pub(super) mark: usize,
    /// Where its content ends (its end tag follows).
    pub(super) end: usize,
    pub(super) tagline: bool,
}

/// At most this many words, with a betting term, make a block a tagline of its neighbour.
pub(super) const TAGLINE_WORDS: usize = 20;

pub(super) fn is_tagline(p: &Profile) -> bool {
    !p.terms.is_empty() && p.words <= TAGLINE_WORDS && !p.is_editorial()
}

impl Open {
    /// Block `child` closed inside this one, kept: its context (unless it is spam on its
    /// own or a landmark) becomes this block's, or, when it held blocks itself (a column),
    /// one of this block's sections: a warning in the main column of a div layout frames
    /// no slogan in the sidebar column beside it, as `<main>` and `<aside>` do not.
    pub(super) fn lend(&mut self, child: &mut Open) {
        self.holds_blocks = true;
        if child.profile.is_spam_block() || child.landmark {
            return;
        }
        let context = std::mem::take(&mut child.context);
        if child.holds_blocks {
            self.sections.merge(context);
            self.sections.merge(std::mem::take(&mut child.sections));
        } else {
            self.context.merge(context);
        }
    }
}

impl Blocks {
    pub fn floor(&self) -> Option<usize> {
        self.open.first().map(|o| o.mark)
    }

    /// Where the innermost open block starts, unless it is the document.
    pub fn innermost(&self) -> Option<usize> {
        self.open.last().filter(|o| !o.root).map(|o| o.mark)
    }

    pub fn adjust(&mut self, f: &impl Fn(usize) -> usize) {
        for o in &mut self.open {
            o.mark = f(o.mark);
            o.scanned = f(o.scanned);
            spots::adjust(&mut o.spots, f);
            o.link_at = o.link_at.map(f);
            if let Some(k) = &mut o.last {
                k.mark = f(k.mark);
                k.end = f(k.end);
            }
            // Output released before the block's own mark is no longer read.
            let mark = o.mark;
            o.inline.iter_mut().for_each(|m| *m = f(*m));
            o.inline.retain(|m| *m >= mark);
            o.layout.iter_mut().for_each(|(m, _)| *m = f(*m));
            o.layout.retain(|(m, _)| *m >= mark);
            o.gone.iter_mut().for_each(|(m, _)| *m = f(*m));
            o.gone.retain(|(m, _)| *m >= mark);
        }
    }

    /// Output `from..to` is being cut: the inline elements in it are gone.
    pub fn cut(&mut self, from: usize, to: usize) {
        for o in &mut self.open {
            o.inline.retain(|m| *m < from || *m >= to);
            o.layout.retain(|(m, _)| *m < from || *m >= to);
            o.gone.retain(|(m, _)| *m < from || *m >= to);
        }
    }
}
