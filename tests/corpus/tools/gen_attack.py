#!/usr/bin/env python3
"""Writes tests/corpus/attack/*.html: one file per variant of each threat family.

Line 1 of each file is `<!-- expect-gone: a | b -->`: phrases that must not survive outside
that line. Every file must also leave no foreign URL behind (the oracle in the tests).
Run from the repository root; the files are committed, this only documents their origin.
"""
import os

HEAD = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin điện tử</title>
<style>.menu-sub{display:none}.sr-only{position:absolute;left:-10000px}
.box-k{display:none} x-spam{visibility:hidden} #blk{position:absolute;top:-9999px}</style>
</head><body><header><a class="sr-only" href="#main">Bỏ qua</a>
<nav><a href="/">Trang chủ</a> <a href="https://chinhphu.vn/">Chính phủ</a></nav></header>
<main id="main"><h1>Tin tức</h1><p>Ủy ban nhân dân thông báo lịch tiếp công dân.</p>
"""
TAIL = """
<p>Liên hệ: <a href="mailto:vanthu@portal.example.gov.vn">vanthu</a></p></main></body></html>
"""

V = {}
# A1 hidden blocks: every hiding technique, with links or with keywords only.
hide = {
    "display_none": 'style="display:none"',
    "display_none_upper": 'style="DISPLAY : NONE !important"',
    "visibility": 'style="visibility:hidden"',
    "offscreen_left": 'style="position:absolute;left:-9999px"',
    "offscreen_top": 'style="position:absolute; top:-5000px"',
    "text_indent": 'style="text-indent:-99999px"',
    "font_size_zero": 'style="font-size:0"',
    "tiny_overflow": 'style="height:1px;overflow:hidden"',
    "zero_box": 'style="width:0;height:0;overflow:hidden"',
    "opacity": 'style="opacity:0"',
    "same_colour": 'style="color:#ffffff;background-color:#ffffff"',
    "clip": 'style="position:absolute;clip:rect(0,0,0,0)"',
    "hidden_attr": 'hidden',
    "entity_style": 'style="display&#58;none"',
    "page_class": 'class="box-k"',
    "page_id": 'id="blk"',
}
for name, attr in hide.items():
    V[f"a1_{name}"] = ("nhà cái uy tín | nổ hũ",
        f'<div {attr}><a href="https://bet.test/">nhà cái uy tín</a> <a href="https://slot.test/">nổ hũ</a></div>')
V["a1_marquee"] = ("tài xỉu online", '<marquee width="1" height="1"><a href="http://casino.test/">tài xỉu online</a></marquee>')
V["a1_custom_element"] = ("bắn cá đổi thưởng", '<x-spam><a href="https://fish.test/">bắn cá đổi thưởng</a></x-spam>')
V["a1_nested"] = ("game bài", '<div style="display:none"><ul><li><span><a href="//cards.test/">game bài</a></span></li></ul></div>')
V["a1_keywords_only"] = ("nổ hũ, bắn cá, game bài đổi thưởng", '<div style="display:none">nổ hũ, bắn cá, game bài đổi thưởng</div>')
V["a1_keywords_nfd"] = ("no\u0302\u0309 hu\u0303", '<p style="font-size:0">no\u0302\u0309 hu\u0303, ba\u0306\u0301n ca\u0301</p><!-- ban ca -->'.replace("<!-- ban ca -->", ""))
V["a1_keywords_zero_width"] = ("t&agrave;i x&#7881;u", '<span style="display:none">x\u200bóc đ\u00adĩa, t&agrave;i x&#7881;u</span>')
V["a1_brand"] = ("789bet", '<div style="opacity:0">Đăng ký 789bet nhận thưởng, fun88</div>')
V["a1_many_links"] = ("bet0", '<div style="display:none">' + " ".join(f'<a href="https://bet{i}.test/">bet{i} link</a>' for i in range(40)) + "</div>")
V["a1_inside_visible"] = ("cá độ online", '<section><p>Tin</p><div class="sr-only"><a href="https://bet.test/">cá độ online</a></div></section>')
# A2 raw-text containers.
V["a2_noscript"] = ("", '<noscript><a href="https://bet.test/">tài xỉu</a></noscript>')
V["a2_noembed"] = ("", '<noembed><a href="https://bet.test/">nhà cái</a></noembed>')
V["a2_noframes"] = ("", '<noframes><a href="//bet.test/">nổ hũ</a></noframes>')
V["a2_xmp"] = ("", '<xmp><a href="https://bet.test/">casino</a></xmp>')
V["a2_srcdoc"] = ("", '<iframe srcdoc="&lt;a href=&quot;https://bet.test/&quot;&gt;x&lt;/a&gt;"></iframe>')
V["a2_noscript_entity"] = ("", '<noscript><a href="https&#58;//bet&#46;test/">x</a><img src="//track.test/p.gif"></noscript>')
V["a2_noscript_meta"] = ("", '<noscript><meta http-equiv="refresh" content="0;url=https://bet.test/"></noscript>')
V["a2_srcdoc_nested"] = ("", '<iframe srcdoc="&lt;noscript&gt;&lt;a href=//bet.test&gt;x&lt;/a&gt;&lt;/noscript&gt;"></iframe>')
# A3 encoded and malformed URLs (visible links: unwrapped, text kept).
urls = {
    "entities": "https&#58;//bet&#46;test/", "named_entities": "&sol;&sol;bet&period;test/",
    "hex_entities": "&#x2F;&#x2f;bet.test/", "leading_zeros": "https&#0000058;//bet.test",
    "scheme_relative": "//bet.test/", "backslash": "/\\bet.test/", "double_backslash": "\\\\bet.test/",
    "https_backslash": "https:\\\\bet.test", "tab": "ht\ttps://bet.test/", "newline": "/\n/bet.test",
    "entity_tab": "/&Tab;/bet.test", "leading_spaces": "   https://bet.test/", "upper": "HTTPS://BET.TEST/",
    "trailing_dot": "https://bet.test./", "userinfo": "https://portal.example.gov.vn@bet.test/",
    "lookalike": "https://portal.example.gov.vn.bet.test/", "fakegov": "https://fakegov.vn/",
    "idn": "https://cá-cược.test/", "port": "https://bet.test:8443/", "ip": "http://203.0.113.7/",
    "unquoted": None,
}
for name, u in urls.items():
    if u is None:
        V["a3_unquoted"] = ("", '<a href=//bet.test/x>link</a>')
        continue
    V[f"a3_{name}"] = ("", f'<p>Xem <a href="{u}">liên kết</a>.</p>')
# A4 other carriers.
V["a4_area"] = ("", '<map name="m"><area shape="rect" coords="0,0,1,1" href="https://bet.test/"></map>')
V["a4_form"] = ("", '<form action="https://bet.test/collect" method="post"><input name="q"></form>')
V["a4_formaction"] = ("", '<form action="/tim-kiem"><button formaction="https://bet.test/">Gửi</button><input type="submit" formaction="//bet.test/"></form>')
V["a4_svg_xlink"] = ("", '<svg><a xlink:href="https://bet.test/"><text>x</text></a></svg>')
V["a4_svg_href"] = ("", '<svg><a href="//bet.test/"><text>x</text></a></svg>')
V["a4_svg_animate"] = ("", '<svg><a href="/"><animate attributeName="href" to="https://bet.test/"/><text>x</text></a></svg>')
V["a4_link"] = ("", '<link rel="stylesheet" href="https://bet.test/s.css"><link rel="canonical" href="//bet.test/">')
V["a4_object"] = ("", '<object data="https://bet.test/x.swf"></object>')
V["a4_embed"] = ("", '<embed src="https://bet.test/x.swf">')
V["a4_iframe"] = ("", '<iframe src="https://bet.test/"></iframe>')
V["a4_iframe_zero"] = ("", '<iframe width="0" height="0" style="display:none" src="//bet.test/"></iframe>')
V["a4_frame"] = ("", '<frameset><frame src="https://bet.test/"></frameset>')
V["a4_base"] = ("", '<base href="https://bet.test/"><a href="tin-tuc">tin</a>')
V["a4_option"] = ("", '<select onchange="location=this.value"><option value="https://moj.gov.vn/">Bộ Tư pháp</option><option value="https://bet.test/">Liên kết</option></select>')
V["a4_jsonld"] = ("", '<script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","url":"https://portal.example.gov.vn/","sameAs":["https://bet.test/","https://chinhphu.vn/"]}</script>')
V["a4_jsonld_url"] = ("", '<script type="application/ld+json">{"@type":"WebPage","url":"https://bet.test/x","name":"x"}</script>')
V["a4_img"] = ("", '<img src="https://track.test/p.gif" srcset="https://bet.test/a.png 2x">')
# A5 title and meta description.
V["a5_title"] = ("Nổ hũ đổi thưởng", '')
V["a5_meta"] = ("game bài đổi thưởng uy tín", '')
# B4 / B5 / B7.
V["b4_data_script"] = ("", '<script src="data:text/javascript,location=%22https://bet.test/%22"></script>')
V["b4_script_external"] = ("", '<script src="https://bet.test/r.js"></script><script src="//bet.test/r.js" async></script>')
for i, c in enumerate([
    '0;url=https://bet.test/', '0; URL=https://bet.test/', "0 ,Url = 'https://bet.test/'",
    '5;url="https://bet.test/"', '  3 ;  uRl=//bet.test/', '0;https://bet.test/', '0;url=https&#58;//bet.test/',
]):
    q = "'" if '"' in c else '"'
    V[f"b5_refresh_{i}"] = ("", f'<meta http-equiv="{["refresh","REFRESH","Refresh"][i % 3]}" content={q}{c}{q}>')
V["b5_refresh_unquoted"] = ("", '<META HTTP-EQUIV=Refresh CONTENT=0;URL=https://bet.test/>')
V["b7_form_submit"] = ("", '<form id="f" action="https://bet.test/" method="post"></form><script>document.getElementById("f").submit()</script>')

os.makedirs("tests/corpus/attack", exist_ok=True)
for name, (gone, body) in V.items():
    head = HEAD
    if name == "a5_title":
        head = head.replace("<title>Cổng thông tin điện tử</title>", "<title>Nổ hũ đổi thưởng - 789bet</title>")
    if name == "a5_meta":
        head = head.replace("</title>", '</title><meta name="description" content="Nhà cái game bài đổi thưởng uy tín">')
    with open(f"tests/corpus/attack/{name}.html", "w", encoding="utf-8") as f:
        f.write(f"<!-- expect-gone: {gone} -->\n" + head + body + TAIL)
print(len(V), "attack files")
