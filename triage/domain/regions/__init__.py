"""Indonesian regions by Kemendagri code: directory (lookup, fuzzy search, nearest kabupaten/kota),
names (short forms, typos), geo (distances, a grid for pins).
"""
