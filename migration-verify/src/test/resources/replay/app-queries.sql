-- What the storefront and the billing service run, exported from their query logs.
SELECT g.name, COUNT(*) FROM track t JOIN genre g ON g.genre_id = t.genre_id GROUP BY g.name;

SELECT name, composer FROM track WHERE name = 'Song 77';

/* the size report reads a column v2 drops */
SELECT SUM(bytes) FROM track;

SELECT genre_id, name FROM genre ORDER BY genre_id;

UPDATE track SET name = 'x' WHERE track_id = 1;

SELECT name FROM track WHERE track_id = ?;

SELEKT everything;
