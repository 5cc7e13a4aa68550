-- The quick-start shop's v2 schema, for the test kit's scratch target.
CREATE TABLE client (
    client_id INTEGER PRIMARY KEY,
    given_name VARCHAR(40) NOT NULL,
    family_name VARCHAR(20) NOT NULL,
    email VARCHAR(60) NOT NULL,
    display_name VARCHAR(61) NOT NULL,
    status VARCHAR(10) NOT NULL
);

CREATE TABLE invoice (
    invoice_id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES client (client_id),
    total NUMERIC(12, 2) NOT NULL
);
