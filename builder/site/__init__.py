"""The site: the pages, downloads and feeds made from a valid chronology, and the build that
writes them into docs/ and runs MkDocs."""
