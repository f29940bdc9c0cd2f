"""The dashboard's and the case map's figures, scoped to the viewer's regions."""
