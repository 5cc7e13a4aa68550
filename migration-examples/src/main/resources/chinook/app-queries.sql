-- The queries Chinook's applications run most, as the teams exported them from the legacy database's
-- statement log: the storefront, the billing service and the nightly report. The replay step of the
-- example rewrites each through the mapping and runs it on legacy and on v2.

-- storefront-api: an artist's page
SELECT name FROM artist WHERE artist_id = 1;

-- storefront-api: an album's songs, in order
SELECT t.name, t.milliseconds, t.unit_price FROM track t WHERE t.album_id = 1 ORDER BY t.track_id;

-- storefront-api: the genre menu
SELECT g.name, COUNT(*) FROM track t JOIN genre g ON g.genre_id = t.genre_id GROUP BY g.name;

-- billing-service: an invoice's total from its lines
SELECT invoice_id, SUM(unit_price * quantity) FROM invoice_line WHERE invoice_id = 98 GROUP BY invoice_id;

-- billing-service: a customer's account card
SELECT first_name, last_name, company, country FROM customer WHERE customer_id = 5;

-- billing-service: the fax column, gone in v2 (listed as not replayable)
SELECT fax FROM customer WHERE customer_id = 5;

-- nightly-sales-report
SELECT billing_country, COUNT(*), SUM(total) FROM invoice GROUP BY billing_country;
