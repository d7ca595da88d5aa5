#!/usr/bin/env python3
"""Writes tests/corpus/benign/legacy_windows-1258.html: a Vietnamese page in windows-1258,
where tone marks are combining characters after a base letter (as real legacy pages have)."""
import unicodedata

SRC = """<!doctype html><html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">
<title>Ủy ban nhân dân huyện – Thông báo</title>
<meta name="description" content="Thông báo lịch tiếp công dân, Xổ số kiến thiết">
<style>.an{display:none}</style></head><body>
<div class="an"><a href="/lien-ket/">Liên kết nội bộ ẩn</a></div>
<h1>Thông báo về việc phòng chống cá cược bóng đá</h1>
<p>Đề nghị các đơn vị thực hiện nghiêm túc. Trân trọng cảm ơn! &copy; 2024 &#7871;</p>
<noscript><a href="/khong-js/">Phiên bản không JavaScript</a></noscript>
<script>var t='Chào mừng';document.title=document.title;</script>
<p><a href="https://chinhphu.vn/">Cổng thông tin Chính phủ</a> · <a href="/van-ban/?nam=2024&amp;loai=1">Văn bản</a></p>
</body></html>
"""

def enc(ch):
    try:
        return ch.encode("cp1258")
    except UnicodeEncodeError:
        pass
    d = unicodedata.normalize("NFD", ch)
    marks = d[1:]
    for i, m in enumerate(marks):
        base = unicodedata.normalize("NFC", d[0] + m)
        try:
            return base.encode("cp1258") + (marks[:i] + marks[i + 1:]).encode("cp1258")
        except UnicodeEncodeError:
            continue
    try:
        return d.encode("cp1258")
    except UnicodeEncodeError:
        pass
    raise SystemExit(f"cannot encode {ch!r}")

data = b"".join(enc(c) for c in SRC)
open("tests/corpus/benign/legacy_windows-1258.html", "wb").write(data)
print(len(data), "bytes")
