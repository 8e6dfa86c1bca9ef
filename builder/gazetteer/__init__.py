"""The gazetteer: GeoNames' towns, regions and districts, read from PyPI packages into an index built once."""
