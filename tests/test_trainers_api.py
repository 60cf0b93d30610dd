"""The trainers' pages and JSON endpoints in the real app (FastAPI TestClient, real corpus and index)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from html import unescape

import docx
import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.config import Settings


@pytest.fixture(scope="module")
def client(settings: Settings, assistant) -> Iterator[TestClient]:
    with TestClient(create_app(settings, assistant=assistant), raise_server_exceptions=False) as c:
        yield c


def test_brief_form(client: TestClient) -> None:
    r = client.get("/brief")
    assert r.status_code == 200
    assert "Soạn bài quán triệt" in r.text and 'name="district"' in r.text and 'name="topic"' in r.text
    assert "<script>" not in r.text  # the CSP allows no inline code


def test_brief_page_outline_links_to_cited_spans(client: TestClient) -> None:
    r = client.get("/brief", params={"district": "Lạc Dương", "topic": "y tế"})
    assert r.status_code == 200
    html = unescape(r.text)
    for number in ("74,5 tuổi", "14-16 giường bệnh", "II. Chỉ tiêu đến năm 2030", "Nguồn trích dẫn"):
        assert number in html
    links = re.findall(r'href="(/documents/lac-duong-2024\?start=(\d+)&end=(\d+))"', html)
    assert links
    url, start, end = links[0]
    doc = client.get(url)
    assert doc.status_code == 200 and 'id="cited"' in doc.text
    assert "format=docx" in html and "format=md" in html


def test_brief_page_bad_input_is_a_vietnamese_422(client: TestClient) -> None:
    r = client.get("/brief", params={"district": "Hà Nội", "topic": "y tế"})
    assert r.status_code == 422 and "Không có huyện" in unescape(r.text)


def test_api_brief_formats(client: TestClient) -> None:
    q = {"district": "Kon Rẫy", "topic": "nhà ở"}
    j = client.get("/api/brief", params=q).json()
    assert j["district"] == "Kon Rẫy" and j["sources"][0]["url"].startswith("/documents/kon-ray-2024?start=")
    lines = [line for s in j["sections"] for line in s["lines"]]
    assert all(line["cites"] or re.search(r"\[\d+\]", line["text"]) for line in lines)

    r = client.get("/api/brief", params={**q, "format": "docx"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in r.headers["content-disposition"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(r.content)).paragraphs)
    assert "30,0m² sàn/người" in text and "32,0m² sàn/người" in text

    r = client.get("/api/brief", params={**q, "format": "md"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/markdown")
    assert "Phòng Kinh tế - Hạ tầng" in r.text


@pytest.mark.parametrize(
    ("url", "params", "message"),
    [
        ("/api/brief", {"district": "Kon Rẫy"}, "Thiếu chủ đề"),
        ("/api/brief", {"topic": "y tế"}, "Thiếu huyện"),
        ("/api/brief", {"district": "Kon Rẫy", "topic": "thể thao"}, "Không có chủ đề"),
        ("/api/brief", {"district": "Kon Rẫy", "topic": "y tế", "format": "pdf"}, "Định dạng"),
        ("/api/compare", {}, "Thiếu chỉ tiêu"),
        ("/api/compare", {"indicator": "x" * 500}, "quá dài"),
        ("/api/compare", {"indicator": "thất nghiệp", "district": "Hà Nội"}, "Không có huyện"),
        ("/api/targets", {"district": "abc"}, "Không có huyện"),
        ("/api/assignments", {"topic": "abc"}, "Không có chủ đề"),
    ],
)
def test_bad_input_is_a_vietnamese_422(client: TestClient, url: str, params: dict[str, str], message: str) -> None:
    r = client.get(url, params=params)
    assert r.status_code == 422
    assert message in r.json()["detail"]


def test_api_compare(client: TestClient) -> None:
    j = client.get("/api/compare", params={"indicator": "tỷ lệ thất nghiệp"}).json()
    overall = next(r for r in j["rows"] if r["scope"] == "toàn huyện")
    cells = {c["district"]: c for c in overall["cells"]}
    assert cells["Lạc Dương"]["display"] == "dưới 05%"
    assert not cells["Phụng Hiệp"]["stated"] and cells["Phụng Hiệp"]["display"].startswith("không nêu")
    two = client.get("/api/compare", params=[("indicator", "bảo hiểm y tế"), ("district", "kim dong"),
                                             ("district", "Lạc Dương")]).json()
    assert two["districts"] == ["Kim Động", "Lạc Dương"]
    none = client.get("/api/compare", params={"indicator": "sân bóng đá mini"}).json()
    assert none["rows"] == [] and "Không tìm thấy" in none["message"]


def test_api_tables(client: TestClient) -> None:
    targets = client.get("/api/targets", params={"district": "Kim Động", "topic": "y tế"}).json()
    assert targets and all(t["district"] == "Kim Động" and "y tế" in t["topics"] for t in targets)
    assert any(t["display"] == "khoảng 75,5 tuổi" for t in targets)
    rows = client.get("/api/assignments", params={"district": "Kon Rẫy"}).json()
    assert sum(a["kind"] == "thực hiện" for a in rows) == 20
    assert len(client.get("/api/targets").json()) > len(targets)


def test_compare_page(client: TestClient) -> None:
    r = client.get("/compare", params={"indicator": "diện tích nhà ở"})
    assert r.status_code == 200
    html = unescape(r.text)
    assert "<table" in html and "31,7m² sàn/người" in html and "không nêu" in html
    assert re.search(r'href="/documents/kim-dong-2024\?start=\d+&end=\d+"', html)
    assert client.get("/compare", params={"indicator": ""}).status_code == 422


def test_comparison_downloads_csv_and_xlsx(client) -> None:
    import io

    from openpyxl import load_workbook

    csv_r = client.get("/api/compare", params={"indicator": "bảo hiểm y tế", "format": "csv"})
    assert csv_r.status_code == 200 and csv_r.headers["content-type"].startswith("text/csv")
    assert 'filename="so-sanh_bao-hiem-y-te.csv"' in csv_r.headers["content-disposition"]
    text = csv_r.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Chỉ tiêu đến năm 2030,Kim Động,Kon Rẫy,Phụng Hiệp,Lạc Dương"
    assert "Tỷ lệ dân số tham gia bảo hiểm y tế,98%,trên 95%,trên 95%,95%" in text
    xlsx = client.get("/api/compare", params={"indicator": "bảo hiểm y tế", "format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[1][:5] == ("Tỷ lệ dân số tham gia bảo hiểm y tế", "98%", "trên 95%", "trên 95%", "95%")
    bad = client.get("/api/compare", params={"indicator": "bảo hiểm y tế", "format": "pdf"})
    assert bad.status_code == 422 and "xlsx" in bad.json()["detail"]
