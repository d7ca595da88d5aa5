#!/usr/bin/env python3
"""Writes tests/corpus/attack/c1_*.html (issue 14, class 1: the text of a removed link) and
c2_*.html (class 2: hiding the hidden-block detector missed). Same format as gen_attack.py:
line 1 is `<!-- expect-gone: a | b -->`, phrases that must not survive outside that line.
Run from the repository root; the files are committed, this only documents their origin.
"""
import os

HEAD = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin điện tử</title>
<style>.menu-sub{display:none}.sr-only{position:absolute;left:-10000px}</style>
</head><body><header><a class="sr-only" href="#main">Bỏ qua</a>
<nav><a href="/">Trang chủ</a> <a href="https://chinhphu.vn/">Chính phủ</a></nav></header>
<main id="main"><h1>Tin tức</h1><p>Ủy ban nhân dân thông báo lịch tiếp công dân.</p>
"""
TAIL = """
<p>Liên hệ: <a href="mailto:vanthu@portal.example.gov.vn">vanthu</a></p></main></body></html>
"""

V = {}
# Class 1: visible foreign links whose text is the payload, on every carrier.
link = lambda text, href="https://bet.test/": f'<a href="{href}">{text}</a>'
V["c1_paragraph"] = ("nhà cái uy tín", f"<p>Tham khảo {link('nhà cái uy tín')} hôm nay.</p>")
V["c1_list_farm"] = ("nổ hũ | tài xỉu | 789bet", "<ul class=\"links\">" + "".join(
    f"<li>{link(t, f'https://s{i}.test/')}</li>\n" for i, t in enumerate(["nổ hũ đổi thưởng", "tài xỉu online", "789bet"])) + "</ul>")
V["c1_footer_row"] = ("game bài | bắn cá | sunwin", "<footer><p>" + " | ".join(
    link(t, f"//f{i}.test/") for i, t in enumerate(["game bài", "bắn cá", "sunwin"])) + "</p></footer>")
V["c1_separator_entities"] = ("kubet | go88", f"<div><span>{link('kubet')}</span>&nbsp;&middot;&nbsp;<span>{link('go88', '//g.test/')}</span><br></div>")
V["c1_table_cells"] = ("soi cầu | xóc đĩa", f"<table><tr><td>{link('soi cầu miền bắc')}</td><td><!-- --> {link('xóc đĩa', '//x.test/')}</td></tr></table>")
V["c1_nested_markup"] = ("uy tín số 1", f"<p>Xem {link('<b>nhà</b> <i>cái</i> <span>uy tín số 1</span>')}.</p>")
V["c1_entities"] = ("nh&agrave; c&aacute;i", f"<p>A {link('nh&agrave; c&aacute;i &amp; n&#7893; h&#361;')} B</p>")
ZW = "t\u200bài x\u00adỉu"
NFD = "nha\u0300 ca\u0301i"
V["c1_zero_width"] = (ZW, "<p>A " + link(ZW + " online") + " B</p>")
V["c1_nfd"] = (NFD, "<p>A " + link(NFD + " uy ti\u0301n") + " B</p>")
V["c1_upper"] = ("NHÀ CÁI", '<P>A <A HREF="HTTPS://BET.TEST/">NHÀ CÁI UY TÍN</A> B</P>')
V["c1_slash_attr"] = ("đổi thưởng", '<p>A <a/href="https://bet.test/">game bài đổi thưởng</a> B</p>')
V["c1_duplicate_attr"] = ("bắn cá", '<p>A <a href="https://bet.test/" href="/">bắn cá online</a> B</p>')
V["c1_abrupt_comment"] = ("tài xỉu", '<p>A <!--><a href="https://bet.test/">tài xỉu uy tín</a><!---> B</p>')
V["c1_img_alt"] = ("nổ hũ đổi thưởng", "<p>A " + link('<img src="/banner.png" alt="nổ hũ đổi thưởng">') + " B</p>")
V["c1_host_words"] = ("Xem ngay", '<p>A <a href="https://nha-cai-uy-tin.test/">Xem ngay</a> B</p>')
V["c1_area_alt"] = ("casino online", '<map name="m"><area shape="rect" coords="0,0,9,9" href="https://bet.test/" alt="casino online"></map>')
V["c1_svg_href"] = ("nổ hũ", '<svg width="9" height="9"><a href="https://bet.test/"><text>nổ hũ đổi thưởng</text></a></svg>')
V["c1_svg_xlink"] = ("tài xỉu", '<svg width="9" height="9"><a xlink:href="//bet.test/"><text>tài xỉu online</text></a></svg>')
V["c1_noembed"] = ("nhà cái", f"<noembed><p>{link('nhà cái uy tín')}</p></noembed>")
V["c1_noframes"] = ("game bài", f"<noframes>{link('game bài đổi thưởng')}</noframes>")
V["c1_xmp"] = ("bắn cá", f"<xmp>{link('bắn cá đổi thưởng')}</xmp>")
V["c1_noscript"] = ("xóc đĩa", f"<noscript><ul><li>{link('xóc đĩa online')}</li></ul></noscript>")
V["c1_iframe_fallback"] = ("soi cầu", f"<iframe src=\"/ban-do.html\" title=\"Bản đồ\">{link('soi cầu lô đề')}</iframe>")
V["c1_frameset_noframes"] = ("sunwin", f"<frameset cols=\"100%\"><frame src=\"/a.html\"><noframes><body>{link('sunwin tải về')}</body></noframes></frameset>")

# Class 2: hiding the detector used to miss. Keyword-only blocks (no link to help).
SP = "nổ hũ đổi thưởng, bắn cá uy tín"
def c2(name, css, block, js=""):
    head = f"<style>{css}</style>" if css else ""
    if js:
        head += f"<script>{js}</script>"
    V[f"c2_{name}"] = ("nổ hũ | bắn cá", (head + block).replace("SP", SP), )
c2("attr_exists", "[data-seo]{display:none}", '<div data-seo>SP</div>')
c2("attr_contains", '[class*="lnk"]{position:absolute;left:-9999px}', '<div class="f-lnk-2">SP</div>')
c2("attr_prefix_tag", "div[id^=bl]{visibility:hidden}", '<div id="bl-9">SP</div>')
c2("id_rule", "#k9{opacity:.01}", '<p id="k9">SP</p>')
c2("descendant", ".ft .row{font-size:0}", '<div class="ft"><div class="row">SP</div></div>')
c2("child", "#f>span{display:none}", '<div id="f"><span>SP</span></div>')
c2("tag_descendant", "footer div{height:0;overflow:hidden}", '<footer><div>SP</div></footer>')
c2("media_block", "@media all{.mm{display:none}}", '<div class="mm">SP</div>')
c2("body_style", "", '<style>.late{display:none}</style><div class="late">SP</div>')
c2("closed_details", "", '<details><summary>Chi tiết</summary>SP</details>')
c2("opacity_001", "", '<div style="opacity:.001">SP</div>')
c2("opacity_percent", "", '<div style="opacity:4%">SP</div>')
c2("scale_zero", "", '<div style="transform:scale(0.0)">SP</div>')
c2("scale_x", "", '<div style="transform:translateX(5px) scaleX(0)">SP</div>')
c2("matrix_zero", "", '<div style="transform:matrix(0,0,0,0,0,0)">SP</div>')
c2("same_colour_rgb", "", '<div style="color:rgb(255,255,255);background:#fff">SP</div>')
c2("same_colour_shorthand", "", '<div style="color:#FFF;background:white url(/b.png) no-repeat">SP</div>')
c2("transparent_text", "", '<div style="font-size:1px;color:transparent">SP</div>')
c2("max_height_zero", "", '<div style="max-height:0;overflow:hidden">SP</div>')
c2("entity_important", "", '<div style="VISIBILITY&colon;HIDDEN !IMPORTANT">SP</div>')
c2("script_display", "", '<div id="s1">SP</div>', "document.addEventListener('DOMContentLoaded',function(){document.getElementById('s1').style.display='none'})")
c2("script_hidden_prop", "", '<div id="s2">SP</div>', "document.getElementById('s2').hidden = true;")
c2("script_class", ".off{display:none}", '<div id="s3">SP</div>', "window.onload=function(){document.getElementById('s3').classList.add('off')}")
c2("script_jquery", "", '<div id="s4">SP</div>', "$(function(){ $('#s4').hide(); })")
c2("script_jquery_css", "", '<p class="s5">SP</p>', "jQuery(document).ready(function(){jQuery('.s5').css('display','none')})")
c2("script_query", "", '<div data-z="1">SP</div>', "document.querySelector('[data-z]').style.visibility='hidden'")

os.makedirs("tests/corpus/attack", exist_ok=True)
for name, (gone, body) in V.items():
    with open(f"tests/corpus/attack/{name}.html", "w", encoding="utf-8") as f:
        f.write(f"<!-- expect-gone: {gone} -->\n" + HEAD + body + TAIL)
print(len(V), "attack files")
