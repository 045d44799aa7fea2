"""Reading news text: dates, language, matching, signals, the judge. No store, no network."""
