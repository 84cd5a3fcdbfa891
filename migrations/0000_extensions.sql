-- Trigram similarity and ILIKE on the folded text; folding itself happens in the application.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
