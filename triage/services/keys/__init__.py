"""The data keys: which encrypted values still wait for the current key, and moving them."""
