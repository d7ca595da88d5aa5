//! Stage 6 (planted spam, threat A5): the jargon of the scam families that is not
//! compositional (see `lexicon_compose` for the ones that are): loan sharks, adult services,
//! cockfighting, crash games and binary options, and the same spam in Korean, Spanish,
//! Portuguese, Indonesian and English; with the reporting phrases of Spanish, Portuguese and
//! Korean news, which spare a report that names one of them.
//!
//! Each line is one family, its terms separated by `|` (see `lexicon_topics::listed`).
//! Hangul terms of two syllables or more also match at the start of a word (Korean attaches
//! particles to the noun: "토토사이트를", see `Keyword::matches_at`).
//!
//! Security note: as in `lexicon_topics`, a term is strong only when a report would not use
//! it; what a police, bank or health notice names ("vay nặng lãi", "bán dâm", "pinjol",
//! "binomo", "apuestas deportivas", "대출") is weak or not listed at all.

/// Terms that count 2.
pub(super) const STRONG: &[&str] = &[
    // Loan sharks and card cash-out services.
    "hỗ trợ đáo hạn|đáo hạn thẻ tín dụng giá rẻ|rút tiền thẻ tín dụng phí thấp|rút tiền mặt thẻ tín dụng giá rẻ|vay góp ngày|vay trả góp ngày|bốc họ góp ngày|vay bát họ|cho vay bát họ|cho vay góp ngày",
    // Adult services.
    "call sex|gọi video sex|sex zalo|chat sex zalo|show hàng zalo|show hàng có phí|show hàng miễn phí|nhóm kín 18+|link nhóm kín|gái gọi hà nội|gái gọi sài gòn|gái gọi giá rẻ|gái bao nuôi|thuốc kích dục dạng nước|tìm gái|kiếm gái qua đêm|chat sex có hình|web sex|link sex",
    // Cockfighting and number games.
    "gà đòn|đá gà philippines|đá gà mexico|đá gà peru|ws168|kèo gà|cược gà online|xem đá gà thomo|đá gà ăn tiền online|đá gà online uy tín",
    // Crash games and binary options.
    "aviator game|aviator predictor|hack aviator|tool aviator|chơi aviator|aviator bet|crash game online|crash gambling|bonus code casino|spaceman slot",
    // Korean (Hangul words as written, with and without the space Korean may put).
    "토토사이트|토토 사이트|먹튀검증|먹튀 검증|먹튀사이트|안전놀이터|안전 놀이터|메이저사이트|메이저놀이터|카지노사이트|카지노 사이트|바카라사이트|바카라 사이트|온라인카지노|온라인바카라|슬롯사이트|슬롯 사이트|사설토토|꽁머니|첫충|매충|가입코드|가입 코드|출장안마|출장마사지|조건만남|오피사이트|무직자대출|무직자 대출|급전대출|급전 대출|당일대출|당일 대출|비대면대출|비대면 대출|개인돈대출|소액대출|승인율 높은|라이브카지노|에볼루션카지노|당일 입금|당일입금|즉시 입금|즉시입금|무서류 대출|무서류|신불자 대출|신용불량자 대출|누구나 대출|승인 보장|첫충 이벤트|가입 머니|신규 가입 보너스",
    // Spanish.
    "giros gratis|bono de bienvenida|bono sin depósito|apuesta ahora|juega ahora|préstamos sin buró|préstamo sin buró|préstamos inmediatos|dinero al instante|gana dinero desde casa|gana dinero fácil|ganancias garantizadas|hackear whatsapp|espiar whatsapp|acompañantes vip|escorts vip|licencia de conducir sin examen|títulos universitarios falsos|cuentas bancarias verificadas",
    // Portuguese.
    "jogo do tigrinho|fortune tiger|rodadas grátis|bônus de boas-vindas|cassino online|ganhe dinheiro em casa|empréstimo sem consulta|cnh sem autoescola|cnh sem prova|clonar whatsapp|espionar whatsapp|plataforma pagando|renda extra garantida|garotas de programa",
    // Indonesian.
    "pinjol tanpa bi checking|dana cepat cair|pinjaman online cepat cair|jual rekening|jual akun bank|jasa hack|sadap wa|sadap whatsapp|open bo|video call sex|jual ijazah|ijazah palsu murah|buat sim tanpa tes|sim tanpa tes",
    // English.
    "buy fake passport|buy fake passports|fake passports|fake id cards|buy drivers license|buy driver s license|registered passports|real and fake documents|ssd chemical solution|phone spy app|spy on whatsapp|hack whatsapp|cash app flip|guaranteed approval|bad credit loans|loans no credit check|replica watches|super clone|aaa replica|escort agency|onlyfans leaks|buy ielts certificate|ielts without exam|buy diploma|buy degree|fake degree|fake degrees|buy verified accounts",
];

/// Terms that count 1: news and notices name them too.
pub(super) const WEAK: &[&str] = &[
    "vay nặng lãi|rút tiền thẻ tín dụng|rút tiền mặt thẻ tín dụng|đáo hạn thẻ|đáo hạn thẻ tín dụng|đáo hạn ngân hàng|góp ngày|bát họ|cầm đồ online|tín dụng đen online",
    "show hàng|gái gọi|thuốc kích dục|kích dục|bán dâm|mua dâm|đi khách|gái bán dâm|sex online|chat sex online",
    "cược qua app|đá gà hôm nay|đá gà trực tuyến|gà chọi online|cá cược qua app",
    "aviator|crash game|game crash|binomo|quotex|olymp trade|iq option|pocket option|exnova|wefinex|sàn bo|binary option|bonus code|mã thưởng|code tân thủ|giftcode tân thủ|plinko|jetx|spribe|mines game",
    "급전|무직자|토토|바카라|카지노|슬롯머신|파워볼|먹튀|개인돈|비아그라|시알리스|환전|놀이터 추천|스포츠토토",
    "apuestas deportivas|apuestas en línea|casino en línea|casino online|tragamonedas|tragaperras|ruleta en línea|préstamos rápidos|préstamo rápido|dinero rápido|sin aval|sin buró|trabajo desde casa|gana dinero|escorts|acompañantes|documentos falsos|títulos falsos",
    "cassino|apostas esportivas|apostas online|empréstimo rápido|renda extra|tigrinho|diploma falso|acompanhantes",
    "pinjol|pinjaman online|kerja online|kerja dari rumah|vcs|obat kuat|ijazah palsu|jual akun|joki akun",
    "spy app|escort|replica|payday|fake id|fake ids|fake passport|hack instagram|hack snapchat|cheap essay",
];

/// Reporting phrases of Spanish, Portuguese and Korean news (two words or more, or one
/// ASCII word of four letters or more, or a Hangul word of two syllables or more).
pub(super) const EDITORIAL: &[&str] = &[
    "la policía|las autoridades|la fiscalía|fueron detenidos|detuvieron a|por fraude|los estafadores|presunta estafa|víctimas de|advirtió sobre|alertó sobre|el tribunal|la guardia civil|operativo contra|en prisión|la policía advirtió|fraude|estafa|estafas|estafadores|denuncia|detenidos|autoridades|delito|policía nacional|advierte sobre|la procuraduría",
    "a polícia|polícia federal|foram presos|golpe do|os golpistas|golpistas|investigação|autoridades alertam|alerta sobre|foi preso|presos",
    "경찰|검거|적발|불법|혐의|구속|기소|수사|단속|피해자|피해|주의보|당국|법원|사기|금융감독원|금감원|처벌|신고",
];
