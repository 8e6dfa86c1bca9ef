"""The site: the pages, downloads and feeds made from a valid chronology, written into docs/ for MkDocs."""
