//! Attack suite (issue 14, class "Vietnamese typed in VIQR", independent red team of the
//! eighteenth session): betting and scam offers typed with ASCII marks after the vowel
//! (`Nha\` ca'i uy ti'n nha^'t`, `ta\`i xi?u`, `ddo^?i thu+o+?ng`), planted in every
//! carrier (see `spam_seller_offers::CARRIERS`), as written and in upper case.
//!
//! Benign twins, byte for byte with no event: English with apostrophes and question marks,
//! code-like text, and a notice of the portal itself typed in VIQR.

use super::spam_seller_offers::{assert_all_go, assert_unchanged};

const FAMILIES: &[(&str, &[&str])] = &[(
    "viqr",
    &[
        "Nha` ca'i uy ti'n nha^'t VN – ta`i xi?u online, ru't tie^`n 3 phu't",
        "Game ba`i ddo^?i thu+o+?ng, no^? hu~, ba('n ca' uy ti'n",
        "Ca' cu+o+.c bo'ng dda' tru+.c tuye^'n, soi ke`o nha` ca'i mie^~n phi'",
        "Nha^.n thu+o+?ng 100k khi dda(ng ky' nha` ca'i",
    ],
)];

fn writings(s: &str) -> Vec<String> {
    vec![s.to_string(), s.to_uppercase()]
}

#[test]
fn viqr_typed_offers_go_in_every_carrier() {
    assert_all_go(FAMILIES, writings);
}

const BENIGN: &[&str] = &[
    "<p>The province's e-Government portal: don't miss the citizens' guide, it's free. What's new? We're updating it.</p>",
    "<pre><code>x^2 + y^2 = r^2; a = b ? c : d; s = 'ca' + 'i'; o.u = e(a);</code></pre>",
    "<p>Tho^ng ba'o li.ch tie^'p co^ng da^n tha'ng 9 cu?a U?y ban nha^n da^n ti?nh.</p>",
    "<p>Phòng chống cá cược bóng đá: Công an tỉnh tuyên truyền tại các xã.</p>",
];

#[test]
fn english_code_and_viqr_notices_are_unchanged() {
    assert_unchanged(BENIGN);
}
