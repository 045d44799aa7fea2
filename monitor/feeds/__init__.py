"""Getting news: fetch politely and safely, parse, remember feed state, store judged items."""
