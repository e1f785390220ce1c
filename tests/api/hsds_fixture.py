"""hsds_fixture.py: a valid HSDS 3.0 Data Package for tests, adapted from the Open Referral examples.

The examples in share/hsds/csv exercise every table and column but carry placeholder values an
importer must refuse (latitude 100, a phone number in quotes, wkst TU, links to ids that are not in
the package). valid_package() copies them and repairs exactly those values. Like its source, the
result is CC BY-SA 4.0 ("Human Services Data Specification: an Open Referral resource").
"""
import csv
import io
import os
import shutil

SAMPLE = os.path.join(os.path.dirname(__file__), "..", "..", "share", "hsds", "csv")

ORG = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
SERVICE = "ac148810-d857-441c-9679-408f346de14b"
LOCATION = "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
SAL = "e94c9f38-1e8f-4564-91d4-d53501ab1765"
TAXONOMY = "5c4d79d7-cc55-470e-9f1f-8cad074e4892"
TERM = "3f7b145d-84af-42d7-8fae-eaca714b02b2"

# (file, column) -> the repaired value
REPAIRS = {
    ("locations.csv", "latitude"): "40.7128",
    ("locations.csv", "longitude"): "-74.006",
    ("locations.csv", "organization_id"): ORG,
    ("phones.csv", "number"): "+44 1234 234567",
    ("taxonomy_terms.csv", "parent_id"): "",
    ("taxonomy_terms.csv", "taxonomy_id"): TAXONOMY,
    ("organizations.csv", "parent_organization_id"): "",
    ("contacts.csv", "organization_id"): ORG,
    ("contacts.csv", "service_at_location_id"): SAL,
}


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f))


def write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)


def sample_copy(dest):
    shutil.copytree(SAMPLE, dest)
    return dest


def valid_package(dest):
    """Copies the examples to dest with the placeholder values repaired; returns dest."""
    sample_copy(dest)
    for (name, col), value in REPAIRS.items():
        path = os.path.join(dest, name)
        rows = read(path)
        i = rows[0].index(col)
        for r in rows[1:]:
            r[i] = value
        write(path, rows)
    return dest


def set_cell(dest, name, row, col, value):
    """Sets the cell of data row `row` (1-based) in column col of file name."""
    path = os.path.join(dest, name)
    rows = read(path)
    rows[row][rows[0].index(col)] = value
    write(path, rows)


def add_row(dest, name, values):
    """Appends a data row given as {column: value}."""
    path = os.path.join(dest, name)
    rows = read(path)
    rows.append([values.get(c, "") for c in rows[0]])
    write(path, rows)


def table(path):
    """The CSV as a list of dicts."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))
