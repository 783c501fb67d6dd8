#!/usr/bin/env python3
"""Writes the malformed variants added in session 7 (desk5) from the valid files of tests/data.

Each variant breaks one thing at a known place; the tests assert that place (row/column, or line/byte for JSON).
Run from the repository root: python3 tests/data/malformed/generate.py
"""
import io
import json
import os
import zipfile

ROOT = os.path.join("tests", "data")
M = os.path.join(ROOT, "malformed")


def write(path, data):
    path = os.path.join(M, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def lines(path, numbers, encoding="utf-8"):
    with open(os.path.join(ROOT, path), encoding=encoding) as f:
        text = f.read().split("\n")
    return [text[n - 1] for n in numbers]


# --- areas: the global long layout (Bangladesh divisions) -----------------------------------------------------------
AREAS = [
    "Location,Admin Level,P-Code,Name,Parent P-Code,Valid from date",
    "#country+code,#geo+admin_level,#adm+code,#adm+name,#adm+code+parent,#date+start",
    "BGD,1,BD10,Barisal,BGD,2020-11-13",
    "BGD,1,BD20,Chittagong,BGD,2020-11-13",
    "BGD,1,BD30,Dhaka,BGD,2020-11-13",
    "BGD,1,BD40,Khulna,BGD,2020-11-13",
    "BGD,1,BD45,Mymensingh,BGD,2020-11-13",
    "BGD,1,BD50,Rajshahi,BGD,2020-11-13",
]
# Row 8 cut short inside the name, no final newline: a file copied before it was fully written.
write("areas/truncated.csv", "\n".join(AREAS[:-1] + ["BGD,1,BD50,Rajsh"]))
# Row 4: an unquoted comma inside a name shifts the row one field to the right.
write("areas/ragged-extra.csv", "\n".join(AREAS[:3] + ["BGD,1,BD20,Chittagong, Division,BGD,2020-11-13"] + AREAS[4:]) + "\n")
# Row 5: a byte that cannot start a UTF-8 sequence in the middle of "Dhaka".
write("areas/invalid-utf8.csv", "\n".join(AREAS[:4]).encode() + b"\nBGD,1,BD30,Dh\xffka,BGD,2020-11-13\n" + "\n".join(AREAS[5:]).encode() + b"\n")
# The Central African Republic's COD-AB table (French names) saved in windows-1252, as older GIS tools do.
with open(os.path.join(ROOT, "cod", "caf-cod-ab-adm3.csv"), encoding="utf-8") as f:
    write("areas/caf-cod-ab-latin1.csv", f.read().encode("cp1252"))

# --- areas: GeoJSON boundaries (the CAF commune file with lowercase keys) -------------------------------------------
with open(os.path.join(ROOT, "cod", "caf-adm3-lowercase.geojson"), encoding="utf-8") as f:
    caf = json.load(f)
pretty = json.dumps(caf, indent=1, ensure_ascii=False)
cut = pretty.index("[", pretty.index("coordinates", pretty.index("CF11103")))
write("areas/boundaries-truncated.geojson", pretty[: cut + 20])
write("areas/boundaries-cr-only.geojson", pretty.replace("\n", "\r"))
write("areas/boundaries-stray-quote.geojson", pretty.replace('"Bimbo 3"', '"Bimbo "3"'))
# Bégoua, a commune of Ombella-M'Poko, in windows-1252.
write("areas/boundaries-latin1.geojson", pretty.replace('"Bimbo 3"', '"Bégoua"').encode("cp1252"))
deep = json.loads(pretty)
deep["features"][1]["properties"]["source"] = json.loads("[" * 100 + "]" * 100)
write("areas/boundaries-deep-nesting.geojson", json.dumps(deep, indent=1, ensure_ascii=False))

# --- DTM: the HDX HXL CSV (three Léogâne rows of the Haiti earthquake) ----------------------------------------------
HXL = lines("dtm/global-iom-dtm-from-api-admin-0-to-2.csv", [1, 2, 11987, 12010, 12013])
write("dtm/hxl-stray-quote.csv", "\n".join(HXL[:3] + [HXL[3].replace("Haiti Earthquake", 'Haiti "Earthquake')] + HXL[4:]) + "\n")
write("dtm/hxl-ragged-extra.csv", "\n".join(HXL[:4] + [HXL[4].replace("Natural disaster", "Natural disaster, earthquake")]) + "\n")
write("dtm/hxl-cr-only.csv", "\r".join(HXL) + "\r")
write("dtm/hxl-latin1.csv", ("\n".join(HXL).replace("Leogane", "Léogâne") + "\n").encode("cp1252"))
write("dtm/hxl-invalid-utf8.csv", ("\n".join(HXL[:4]) + "\n").encode() + HXL[4].replace("Leogane", "L\x00ogane").encode().replace(b"\x00", b"\xc3\x28") + b"\n")

# --- DTM: HDX HAPI's IDP CSV (three Léogâne rows; the real file starts with a UTF-8 BOM) ------------------------------
HAPI = lines("dtm/hdx_hapi_idps_global.csv", [1, 5706, 5707, 5708], "utf-8-sig")
write("dtm/hapi-truncated.csv", "\ufeff" + "\n".join(HAPI[:3] + [HAPI[3][: HAPI[3].index(",2024-05-31")]]))
write("dtm/hapi-stray-quote.csv", "\ufeff" + "\n".join(HAPI[:2] + [HAPI[2].replace("Countrywide monitoring", 'Countrywide "monitoring"')] + HAPI[3:]) + "\n")
write("dtm/hapi-ragged-extra.csv", "\ufeff" + "\n".join(HAPI[:3] + [HAPI[3].replace("Countrywide monitoring", "Countrywide monitoring, round 7")]) + "\n")
write("dtm/hapi-cr-only.csv", "\ufeff" + "\r".join(HAPI) + "\r")
write("dtm/hapi-latin1.csv", ("\n".join(HAPI).replace("Ouest,Leogane", "Ouest,Léogâne") + "\n").encode("cp1252"))
write("dtm/hapi-invalid-utf8.csv", ("\ufeff" + "\n".join(HAPI[:3]) + "\n").encode() + HAPI[3].replace("Ouest,Leogane", "Ouest,Le\x00gane").encode().replace(b"\x00", b"\xe9") + b"\n")

# --- DTM: API v3 JSON (the same records, one field per line as an API client saves them) ----------------------------
with open(os.path.join(ROOT, "dtm", "displacement-admin2-admin0pcode-hti.json"), encoding="utf-8") as f:
    api = json.load(f)
api["result"] = [r for r in api["result"] if r["admin2Pcode"] == "HT0121"][:3]
api["totalRecordsCount"] = 3
api_text = json.dumps(api, indent=2, ensure_ascii=False)
write("dtm/api-cr-only.json", api_text.replace("\n", "\r"))
write("dtm/api-truncated.json", api_text[: api_text.index('"numPresentIdpInd"', api_text.index('"id": ' + str(api["result"][1]["id"])))])
write("dtm/api-stray-quote.json", api_text.replace('"operation": "Haiti Earthquake"', '"operation": "Haiti "Earthquake"', 1))
write("dtm/api-latin1.json", api_text.replace("Leogane", "Léogâne").encode("cp1252"))
deep = json.loads(api_text)
deep["result"][2]["needs"] = json.loads("[" * 100 + "]" * 100)
write("dtm/api-deep-nesting.json", json.dumps(deep, indent=2, ensure_ascii=False))

# --- flows: a Benin/Niger border point -----------------------------------------------------------------------------
FLOWS = [
    "record_id,point_code,point_name,point_type,point_pcode,point_lat,point_lon,point_countries,date,direction,m_18_59,f_18_59,total,nationality,prev_location,next_location,reason,transport,traveller_type",
    "ben-0001,BEN-FMP-01,Gare routière de Malanville,land_border,,11.8620,3.3890,BEN NER,2024-09-01,in,12,5,17,NER,Gaya (NER),Malanville,trade,bus,informal_trader",
    "ben-0002,BEN-FMP-01,,,,,,,2024-09-01,out,9,4,13,BEN,Malanville,Gaya (NER),work,bus,migrant_worker",
    "ben-0003,BEN-FMP-01,,,,,,,2024-09-02,in,20,7,27,NER,Gaya (NER),Kandi,return,foot,returnee",
]
write("flows/latin1.csv", ("\n".join(FLOWS) + "\n").encode("cp1252"))
write("flows/invalid-utf8.csv", ("\n".join(FLOWS[:3]) + "\n").encode() + FLOWS[3].replace("Kandi", "K\x00ndi").encode().replace(b"\x00", b"\xe0\x80") + b"\n")
write("flows/truncated.csv", "\n".join(FLOWS[:3] + [FLOWS[3][: FLOWS[3].index(",27,")]]))
write("flows/stray-quote.csv", "\n".join(FLOWS[:2] + [FLOWS[2].replace("Gaya (NER)", 'Gaya "NER"')] + FLOWS[3:]) + "\n")
write("flows/ragged-extra.csv", "\n".join(FLOWS[:3] + [FLOWS[3].replace("Kandi", "Kandi, Alibori")]) + "\n")
# The point's position in UTM zone 31N metres instead of degrees.
write("flows/projected.csv", "\n".join([FLOWS[0], FLOWS[1].replace("11.8620,3.3890", "1311420,433250")] + FLOWS[2:]) + "\n")

# --- hazards: two flood polygons over Chilmari ---------------------------------------------------------------------
def square(x, y, d):
    x2, y2 = round(x + d, 4), round(y + d, 4)
    return [[[x, y], [x2, y], [x2, y2], [x, y2], [x, y]]]


HAZ = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"name": "Char Ashtamir", "severity": 0.8}, "geometry": {"type": "Polygon", "coordinates": square(89.66, 25.56, 0.02)}},
        {"type": "Feature", "properties": {"name": "Ramna ghat", "severity": 0.35}, "geometry": {"type": "Polygon", "coordinates": square(89.70, 25.58, 0.02)}},
    ],
}
haz = json.dumps(HAZ, indent=2, ensure_ascii=False)
write("hazards/cr-only.geojson", haz.replace("\n", "\r"))
write("hazards/truncated.geojson", haz[: haz.index("25.58") + 3])
write("hazards/stray-quote.geojson", haz.replace('"Ramna ghat"', '"Ramna "ghat"'))
write("hazards/latin1.geojson", haz.replace("Ramna ghat", "Crue sévère de Ramna").encode("cp1252"))
deep = json.loads(haz)
deep["features"][1]["properties"]["history"] = json.loads("[" * 100 + "]" * 100)
write("hazards/deep-nesting.geojson", json.dumps(deep, indent=2))
proj = json.loads(haz)
# The second polygon in UTM zone 46N metres (EPSG:32646).
proj["features"][1]["geometry"]["coordinates"] = [[[266000, 2830000], [268000, 2830000], [268000, 2832000], [266000, 2832000], [266000, 2830000]]]
write("hazards/projected-utm46n.geojson", json.dumps(proj, indent=2))
ring = json.loads(haz)
ring["features"][1]["geometry"]["coordinates"] = [[[89.70, 25.58], [89.72, 25.58], [89.70, 25.58]]]
write("hazards/short-ring.geojson", json.dumps(ring, indent=2))
# The second polygon's ring not closed: NetTopologySuite cannot build it at all (no position of its own).
open_ring = json.loads(haz)
open_ring["features"][1]["geometry"]["coordinates"] = [[[89.70, 25.58], [89.72, 25.58], [89.72, 25.60], [89.70, 25.60]]]
write("hazards/open-ring.geojson", json.dumps(open_ring, indent=2))

# --- mapping files (the partner mapping of tests/data/registrations) ------------------------------------------------
with open(os.path.join(ROOT, "registrations", "other-form-mapping.json"), encoding="utf-8") as f:
    mapping = f.read()
write("mapping/truncated.json", mapping[: mapping.index('"choices"') + 30])
write("mapping/latin1.json", mapping.replace("numeric choice codes", "codes numériques").encode("cp1252"))
deep = json.loads(mapping)
deep["$comment"] = json.loads("[" * 100 + "]" * 100)
write("mapping/deep-nesting.json", json.dumps(deep, indent=2))

# --- ODK Central zip: the standard export with one member name in windows-1252, and the zip cut in half ------------
src = os.path.join(ROOT, "registrations", "odk-central", "odk-central-export.zip")
with zipfile.ZipFile(src) as z:
    entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in entries:
        if name.endswith("-members.csv"):
            data = data.decode("utf-8").replace("Amina Begum", "Amína Begum").encode("cp1252")
        z.writestr(name, data)
write("odk/latin1.zip", buf.getvalue())
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in entries:
        if name.endswith("-members.csv"):
            data = data.decode("utf-8").replace("Jorina Khatun", 'Jorina "Khatun"').encode("utf-8")
        z.writestr(name, data)
write("odk/stray-quote.zip", buf.getvalue())
with open(src, "rb") as f:
    whole = f.read()
write("odk/truncated.zip", whole[: len(whole) // 2])

# --- XLSX: the valid workbook of the corpus cut in half -------------------------------------------------------------
with open(os.path.join(M, "xlsx", "valid.xlsx"), "rb") as f:
    whole = f.read()
write("xlsx/truncated.xlsx", whole[: len(whole) // 2])

# --- registrations: the household's GPS in UTM zone 46N metres (northing easting) instead of degrees ---------------
reg = os.path.join(M, "registrations", "cr-only")
with open(os.path.join(reg, "households.csv"), "rb") as f:
    households = f.read().decode("utf-8").replace("\r", "\n")
with open(os.path.join(reg, "members.csv"), "rb") as f:
    members = f.read().decode("utf-8").replace("\r", "\n")
write("registrations/projected-gps/households.csv", households.replace("25.5741 89.6712 21 4.5", "2828436 267012 21 4.5"))
write("registrations/projected-gps/members.csv", members)

# --- XLSX: the valid workbook with one member name of 1,100,000 characters (row 3 of the members sheet) ------------
src = os.path.join(M, "xlsx", "valid.xlsx")
with zipfile.ZipFile(src) as z:
    entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in entries:
        if name == "xl/worksheets/sheet2.xml":
            data = data.replace(b"<t>Amina Begum</t>", b"<t>" + b"x" * 1_100_000 + b"</t>")
        z.writestr(name, data)
write("xlsx/huge-cell.xlsx", buf.getvalue())
