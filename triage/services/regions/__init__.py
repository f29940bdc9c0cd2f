"""lookup: the one adapter over the region directory, for the questionnaire and the batch assessor."""
