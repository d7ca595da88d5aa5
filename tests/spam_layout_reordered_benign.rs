//! Benign twins of `spam_layout_reordered` (issue 14, layout-ordered text): the layouts
//! that move text which portals really have, around genuine text, come through byte for
//! byte with no audit event: a flex menu whose items `order` places, a row-reversed
//! toolbar, a grid news layout with named areas, a lottery result grid placed by lines
//! (the state lottery's own page), floated columns and floated "Xem thêm" links, an
//! absolute "Mới" badge, an Arabic quotation and a language switcher right to left, a web
//! component with named slots, and an article about illegal betting laid out in a grid.

use crate::common;

use common::rewrite::{clean, site};

const NEWS: &str = "<p>Theo số liệu của Sở Văn hóa, Thể thao và Du lịch, 10 tháng năm 2024 tỉnh đón hơn 8 triệu lượt khách, tăng 12% so với cùng kỳ.</p>";

/// (sheet, body) of pages portals have.
const BENIGN: &[(&str, &str)] = &[
    (
        ".menu{display:flex}.menu>li:nth-child(3){order:-1}.menu>li:last-child{order:9}",
        "<ul class=\"menu\"><li><a href=\"/tin-tuc\">Tin tức</a></li><li><a href=\"/van-ban\">Văn bản</a></li><li><a href=\"/\">Trang chủ</a></li><li><a href=\"/thu-tuc\">Thủ tục</a></li><li><a href=\"/lien-he\">Liên hệ</a></li></ul>",
    ),
    (
        ".kqxs{display:grid;grid-template-columns:repeat(3,1fr)}.kqxs>div:nth-child(odd){grid-row:2}",
        "<div class=\"kqxs\"><div>Giải nhất</div><div>Giải nhì</div><div>Giải ba</div><div>65432</div><div>11589</div><div>76034</div></div><p>Xổ số kiến thiết miền Nam mở thưởng ngày 15/11/2024.</p>",
    ),
    (
        ".nav{display:flex}.nav .home{order:-1}.nav .search{order:9}",
        "<ul class=\"nav\"><li><a href=\"/gioi-thieu\">Giới thiệu</a></li><li class=\"search\"><a href=\"/tim-kiem\">Tìm kiếm</a></li><li><a href=\"/tin-tuc\">Tin tức</a></li><li class=\"home\"><a href=\"/\">Trang chủ</a></li><li><a href=\"/van-ban\">Văn bản</a></li><li><a href=\"/lien-he\">Liên hệ</a></li></ul>",
    ),
    (
        "",
        "<div style=\"display:flex;flex-direction:row-reverse\"><a href=\"/en\">English</a><a href=\"/\">Tiếng Việt</a><span>Cỡ chữ: A- A+</span></div>",
    ),
    (
        ".home{display:grid;grid-template-areas:\"lead lead side\" \"list list side\" \"foot foot foot\"}.lead{grid-area:lead}.side{grid-area:side}.list{grid-area:list}.ft{grid-area:foot}",
        "<div class=\"home\"><aside class=\"side\"><h2>Thông báo</h2><p>Lịch tiếp công dân tháng 12</p></aside><div class=\"ft\">Bản quyền thuộc UBND tỉnh</div><ul class=\"list\"><li>Hội nghị tổng kết năm 2024</li><li>Triển khai Đề án 06</li></ul><article class=\"lead\"><h2>Tỉnh tổng kết công tác cải cách hành chính</h2><p>Chiều 20/12, UBND tỉnh tổ chức hội nghị tổng kết.</p></article></div>",
    ),
    (
        ".kq{display:grid;grid-template-columns:8em repeat(3,1fr)}",
        "<h2>Kết quả xổ số kiến thiết Vĩnh Long ngày 15/11/2024</h2><div class=\"kq\"><div style=\"grid-area:1/1\">Giải đặc biệt</div><div style=\"grid-area:1/2\">123456</div><div style=\"grid-area:3/1\">Giải nhì</div><div style=\"grid-area:3/2\">11589</div><div style=\"grid-area:2/1\">Giải nhất</div><div style=\"grid-area:2/2\">65432</div><div style=\"grid-area:4/1\">Giải tám</div><div style=\"grid-area:4/2\">42</div></div><p>Công ty TNHH MTV Xổ số kiến thiết Vĩnh Long trân trọng thông báo kết quả mở thưởng.</p>",
    ),
    (
        ".main{float:left;width:66%}.side{float:right;width:28%}.more{float:right}",
        "<div class=\"side\"><h2>Liên kết</h2><p>Cổng Dịch vụ công quốc gia</p></div><div class=\"main\"><h2>Tin hoạt động</h2><p>Đồng Văn đón hơn 1 triệu lượt khách du lịch <a class=\"more\" href=\"/tin-tuc/dong-van\">Xem thêm</a></p></div>",
    ),
    (
        "",
        "<div style=\"position:relative\"><a href=\"/thong-bao/tuyen-dung\">Thông báo tuyển dụng viên chức năm 2025</a><span style=\"position:absolute;top:0;right:0;background:red;color:#fff\">Mới</span></div>",
    ),
    (
        "",
        "<blockquote dir=\"rtl\" lang=\"ar\"><span>مرحبا</span> <span>بكم</span> <span>في</span> <span>فيتنام</span></blockquote><p>Lời chào của đoàn đại biểu.</p>",
    ),
    (
        ".lang{direction:rtl}.lang a{display:inline-block}",
        "<div class=\"lang\"><a href=\"/vi\">Tiếng Việt</a> <a href=\"/en\">English</a> <a href=\"/ar\">العربية</a></div>",
    ),
    (
        "",
        "<news-card><template shadowrootmode=\"open\"><h3><slot name=\"title\"></slot></h3><p><slot name=\"date\"></slot></p><slot></slot></template><span slot=\"date\">20/12/2024</span><span slot=\"title\">Khai mạc trưng bày chuyên đề Gốm Chăm xưa</span>Bảo tàng tỉnh giới thiệu hơn 150 hiện vật.</news-card>",
    ),
    (
        ".bai{display:grid;grid-template-columns:1fr 1fr}.bai .b{grid-column:2;grid-row:1}",
        "<div class=\"bai\"><p>Công an tỉnh vừa triệt phá đường dây đánh bạc qua mạng dưới hình thức game bài đổi thưởng, nổ hũ, tài xỉu với số tiền giao dịch hơn 200 tỷ đồng.</p><p class=\"b\">Cơ quan chức năng khuyến cáo người dân không tham gia cá cược, cá độ bóng đá trái phép trên các trang nhà cái.</p></div>",
    ),
    (
        ".rr{display:flex;flex-direction:row-reverse}",
        "<div class=\"rr\"><span>Thứ Sáu, 20/12/2024</span><span>Hôm nay:</span></div><ul style=\"display:flex;flex-flow:column-reverse\"><li>Bước 3: Nhận kết quả</li><li>Bước 2: Nộp hồ sơ</li><li>Bước 1: Đăng ký tài khoản</li></ul>",
    ),
    (
        ".al{position:relative}.al b{position:absolute;top:0}",
        "<div class=\"al\"><b style=\"left:30ch\">Hotline</b><b style=\"left:0\">Trung tâm Phục vụ hành chính công</b></div>",
    ),
];

#[test]
fn layouts_portals_have_are_unchanged() {
    let site = site("");
    for (sheet, body) in BENIGN {
        let sheet = if sheet.is_empty() {
            String::new()
        } else {
            format!("<style>{sheet}</style>")
        };
        let html = format!(
            "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Cổng thông tin điện tử</title>{sheet}</head><body>{NEWS}{body}</body></html>"
        );
        let (out, events) = clean(&site, &html);
        assert_eq!(out, html);
        assert!(events.is_empty(), "{body}: {events:?}");
    }
}
