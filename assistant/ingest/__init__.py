"""Plans as offices receive them (Word, PDF, text) turned into corpus documents: text and metadata."""
