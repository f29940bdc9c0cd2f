"""Files the reporters sent (photos, voice notes), fetched from where Telegram keeps them."""
