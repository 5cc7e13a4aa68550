-- The queries Chinook's applications run most, as the teams exported them from the legacy MySQL database's
-- statement log: the storefront, the billing service and the nightly report. The replay step of the
-- example rewrites each through the mapping and runs it on legacy and on v2.

-- storefront-api: an artist's page
SELECT Name FROM Artist WHERE ArtistId = 1;

-- storefront-api: an album's songs, in order
SELECT t.Name, t.Milliseconds, t.UnitPrice FROM Track t WHERE t.AlbumId = 1 ORDER BY t.TrackId;

-- storefront-api: the genre menu
SELECT g.Name, COUNT(*) FROM Track t JOIN Genre g ON g.GenreId = t.GenreId GROUP BY g.Name;

-- billing-service: an invoice's total from its lines
SELECT InvoiceId, SUM(UnitPrice * Quantity) FROM InvoiceLine WHERE InvoiceId = 98 GROUP BY InvoiceId;

-- billing-service: a customer's account card
SELECT FirstName, LastName, Company, Country FROM Customer WHERE CustomerId = 5;

-- billing-service: the fax column, gone in v2 (listed as not replayable)
SELECT Fax FROM Customer WHERE CustomerId = 5;

-- nightly-sales-report
SELECT BillingCountry, COUNT(*), SUM(Total) FROM Invoice GROUP BY BillingCountry;
