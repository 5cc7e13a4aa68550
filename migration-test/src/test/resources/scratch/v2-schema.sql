CREATE TABLE client (
    client_id INT NOT NULL PRIMARY KEY,
    given_name VARCHAR(40) NOT NULL,
    email VARCHAR(60) NOT NULL,
    status VARCHAR(10) NOT NULL CHECK (status IN ('ACTIVE', 'CLOSED'))
);

CREATE TABLE invoice (
    invoice_id INT NOT NULL PRIMARY KEY,
    client_id INT NOT NULL REFERENCES client (client_id),
    total DECIMAL(12, 2) NOT NULL
);
