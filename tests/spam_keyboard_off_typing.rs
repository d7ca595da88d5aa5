//! Attack suite (issue 14, class "Vietnamese typed with the keyboard off"): betting and scam
//! offers typed in Telex (`Nhaf cais uy tins`, `taif xiur`, `ddooir thuwowngr`) or VNI
//! (`Nha2 ca1i uy ti1n`, `d9o6i3 thu7o7ng3`) with no input method running, so the keys stay
//! in the text, planted in every carrier (see `spam_seller_offers::CARRIERS`), as written
//! and in upper case.
//!
//! Benign twins, byte for byte with no event: English prose full of short words, code,
//! licence classes and model numbers, a notice of the portal itself typed in Telex, and
//! Vietnamese written without diacritics.

use super::spam_seller_offers::{assert_all_go, assert_unchanged};

const FAMILIES: &[(&str, &[&str])] = &[
    (
        "telex",
        &[
            "Nhaf cais uy tins nhaats VN – taif xiur online, rust tieenf 3 phust",
            "Game baif ddooir thuwowngr, noor hux, bawns cas uy tins",
            "Cas cuwowcj boongs ddas trwcj tuyeens, soi keof nhaf cais mieenx phis",
            "Soi caafu loo ddeef 247, nhaf cais uy tisn",
        ],
    ),
    (
        "vni",
        &[
            "Nha2 ca1i uy ti1n nha6t1 VN – ta2i xi3u online, ru1t tie6n2 3 phu1t",
            "Game ba2i d9o6i3 thu7o7ng3, no6 hu4, ba8n1 ca1 uy ti1n",
            "Ca1 cu7o7c5 bo1ng d9a1 tru7c5 tuye6n1, soi ke2o nha2 ca1i mie6n4 phi1",
            "No63 hu4 ba81n ca1, nha2 cai1 uy tin1",
        ],
    ),
];

fn writings(s: &str) -> Vec<String> {
    vec![s.to_string(), s.to_uppercase()]
}

#[test]
fn telex_and_vni_typed_offers_go_in_every_carrier() {
    assert_all_go(FAMILIES, writings);
}

const BENIGN: &[&str] = &[
    "<p>It is as it was: the office lists its hours, its fees and its forms, so do ask us if you miss one.</p>",
    "<pre><code>for (i = 0; i &lt; n; i++) { xs[i] = as_of(ds, i); } // dd, aa, oo</code></pre>",
    "<p>Sát hạch lái xe hạng A1, A2, B1, B2, C, D, E và F tại trung tâm của tỉnh.</p>",
    "<p>Mua sắm thiết bị: máy chiếu X5, máy tính i7, máy in A4, camera H265.</p>",
    "<p>Thoong baos lichj tieeps coong daan thangs 9 cuar UBND tinhr.</p>",
    "<p>Xin chao cac ban, chuc mung nam moi, chuc cac ban suc khoe.</p>",
];

#[test]
fn english_code_codes_and_genuine_typed_notices_are_unchanged() {
    assert_unchanged(BENIGN);
}
