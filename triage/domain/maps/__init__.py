"""Kabupaten/kota outlines for maps: GeoJSON read, projected to a flat picture, simplified,
and the classes a choropleth shades counts by. Pure: stdlib only."""
