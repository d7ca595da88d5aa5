//! Attack suite (issue 14, false positive of the promotion and block scorers): English news
//! that *reports* on gambling and scam adverts (a police warning, a court verdict, a
//! regulator's statement, a survey of scams, an arrest) names the adverts' own words
//! ("online casino", "sports betting", "free spins", "bonuses", "best odds"). Its reporting
//! words ("police", "warned", "illegal", "court", "fined", "authorities said", "according
//! to", "investigation", "seized", "residents") weigh as reporting, as the Vietnamese
//! editorial phrases do, so the paragraph comes through byte for byte.
//!
//! Attack twins: English promoting sentences (an imperative, a bonus offer, a sign-up call,
//! odds, a contact), planted as a paragraph of an ordinary article, still go; so does one
//! with a single reporting word tacked on ("No police, no limits: sign up…").

use crate::common;

use common::rewrite::{clean, site};

const INTRO: &str =
    "<p>The city council met on Tuesday to approve the new budget for schools and roads.</p>";
const OUTRO: &str = "<p>More news from the province follows below.</p>";

fn page(body: &str) -> String {
    format!(
        "<html><head><title>Provincial news</title></head><body><main><article>{INTRO}{body}{OUTRO}</article></main></body></html>"
    )
}

/// Reporting paragraphs: each names advert words inside a report.
const REPORTS: &[&str] = &[
    // Police warnings.
    "<p>The provincial police warned residents about illegal online casino and sports betting sites that advertise free spins and bonuses.</p>",
    "<p>City police warned residents on Monday that illegal online casino and sports betting websites lure players with free spins and deposit bonuses.</p>",
    "<p>Police in the northern district urged parents to watch for live casino apps that promise a welcome bonus and free spins to teenagers, officers said.</p>",
    // Court verdicts.
    "<p>A district court fined the operator of an unlicensed online casino after prosecutors showed it offered free spins and a welcome bonus to minors.</p>",
    "<p>The court sentenced two men to four years in prison for running a sportsbook that advertised the best odds and a no deposit bonus, according to the verdict.</p>",
    // Regulator statements.
    "<p>The gaming regulator said in a statement that fourteen offshore sportsbook and live casino sites had been shut down for offering free spins to local players, authorities said.</p>",
    "<p>According to the financial regulator, crypto casino platforms that promise guaranteed profit and free spins are operating illegally and residents should report them.</p>",
    // Surveys and investigations of scams.
    "<p>According to a survey of two thousand adults, one in five had seen adverts for online casino sites promising free spins, and investigators said most were scams.</p>",
    "<p>An investigation by the newspaper found that sports betting and online slots adverts with welcome bonus offers reached thousands of students last year.</p>",
    // Arrests and seizures.
    "<p>Officers arrested three men and seized forty phones used to run a betting site that promised best odds and a welcome bonus, the investigation found.</p>",
    "<p>Authorities announced a crackdown on online casino operators after residents complained about free spins adverts on a school portal.</p>",
];

#[test]
fn english_reports_on_casino_adverts_are_unchanged() {
    for body in REPORTS {
        let html = page(body);
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html, "{body}");
        assert!(events.is_empty(), "{body}: {events:?}");
    }
    for title in [
        "Police warn residents about illegal online casino and sports betting sites offering free spins",
        "Court fines operator of unlicensed online casino over free spins and welcome bonus adverts",
        "Regulator shuts down offshore sportsbook and live casino sites, authorities said",
    ] {
        let html =
            format!("<html><head><title>{title}</title></head><body><p>News</p></body></html>");
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html, "{title}");
        assert!(events.is_empty(), "{title}: {events:?}");
    }
}

/// English promoting sentences: imperative, bonus offer, sign-up call, odds, contact.
const PROMOS: &[&str] = &[
    "Sign up at Spinzone today and claim 150 free spins plus a 200% welcome bonus at the best online casino!",
    "Bet now on the Premier League with the best odds in town, live casino and a no deposit bonus for every new player.",
    "Register today, deposit $20 and get 100 free spins at our crypto casino, contact us on Telegram @luckyspinhub.",
    "Join the number one online casino, claim your deposit bonus and win real money tonight!",
    "Play online slots for real money with 300 free spins and instant withdrawals, WhatsApp +1 555 0100 for your bonus.",
    "No police, no limits: sign up now at our online casino and claim 200 free spins and a welcome bonus.",
];

#[test]
fn english_promoting_sentences_still_go() {
    for promo in PROMOS {
        let html = page(&format!("<p>{promo}</p>"));
        let (out, events) = clean(&site(""), &html);
        assert!(!out.contains(promo), "{promo:?} survived in {out}");
        assert!(out.contains(INTRO) && out.contains(OUTRO), "{out}");
        assert!(
            events
                .iter()
                .any(|e| e.rule == "spam.block" || e.rule == "spam.keyword"),
            "{promo}: {events:?}"
        );
    }
}
