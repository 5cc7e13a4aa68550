-- Chinook v2: the redesigned schema the legacy Chinook database migrates to.
-- Portable SQL: runs on H2 and PostgreSQL.

CREATE TABLE artist (
    artist_id INT NOT NULL PRIMARY KEY,
    name VARCHAR(120)
);

CREATE TABLE album (
    album_id INT NOT NULL PRIMARY KEY,
    title VARCHAR(160) NOT NULL,
    artist_id INT NOT NULL REFERENCES artist (artist_id)
);

CREATE TABLE genre (
    genre_id INT NOT NULL PRIMARY KEY,
    name VARCHAR(120)
);

CREATE TABLE media_type (
    media_type_id INT NOT NULL PRIMARY KEY,
    name VARCHAR(120)
);

CREATE TABLE song (
    song_id INT NOT NULL PRIMARY KEY,
    title VARCHAR(200) NOT NULL,
    album_id INT REFERENCES album (album_id),
    media_type_id INT NOT NULL REFERENCES media_type (media_type_id),
    genre_id INT REFERENCES genre (genre_id),
    composers VARCHAR(220),
    lead_composer VARCHAR(220),
    duration_ms INT NOT NULL,
    size_bytes BIGINT,
    price DECIMAL(12,2) NOT NULL
);

CREATE TABLE staff (
    staff_id INT NOT NULL PRIMARY KEY,
    given_name VARCHAR(20) NOT NULL,
    family_name VARCHAR(20) NOT NULL,
    full_name VARCHAR(41) NOT NULL,
    title VARCHAR(30),
    manager_id INT REFERENCES staff (staff_id),
    birth_date DATE,
    hire_date DATE,
    address VARCHAR(70),
    city VARCHAR(40),
    state VARCHAR(40),
    country VARCHAR(40),
    postal_code VARCHAR(10),
    phone VARCHAR(24),
    email VARCHAR(60)
);

CREATE TABLE client (
    client_id INT NOT NULL PRIMARY KEY,
    given_name VARCHAR(40) NOT NULL,
    family_name VARCHAR(20) NOT NULL,
    display_name VARCHAR(61) NOT NULL,
    company VARCHAR(80),
    address VARCHAR(70),
    city VARCHAR(40),
    state VARCHAR(40),
    country VARCHAR(40),
    postal_code VARCHAR(10),
    phone VARCHAR(24),
    email VARCHAR(60) NOT NULL UNIQUE,
    account_manager_id INT REFERENCES staff (staff_id),
    status VARCHAR(10) NOT NULL
);

CREATE TABLE invoice (
    invoice_id INT NOT NULL PRIMARY KEY,
    client_id INT NOT NULL REFERENCES client (client_id),
    issued_on DATE NOT NULL,
    billing_address VARCHAR(70),
    billing_city VARCHAR(40),
    billing_state VARCHAR(40),
    billing_country VARCHAR(40),
    billing_postal_code VARCHAR(10),
    total DECIMAL(12,2) NOT NULL
);

CREATE TABLE invoice_line (
    invoice_line_id INT NOT NULL PRIMARY KEY,
    invoice_id INT NOT NULL REFERENCES invoice (invoice_id),
    song_id INT NOT NULL REFERENCES song (song_id),
    unit_price DECIMAL(12,2) NOT NULL,
    quantity INT NOT NULL
);

CREATE TABLE playlist (
    playlist_id INT NOT NULL PRIMARY KEY,
    name VARCHAR(120)
);

CREATE TABLE playlist_song (
    playlist_id INT NOT NULL REFERENCES playlist (playlist_id),
    song_id INT NOT NULL REFERENCES song (song_id),
    PRIMARY KEY (playlist_id, song_id)
);

CREATE INDEX album_artist_idx ON album (artist_id);
CREATE INDEX song_album_idx ON song (album_id);
CREATE INDEX song_genre_idx ON song (genre_id);
CREATE INDEX client_manager_idx ON client (account_manager_id);
CREATE INDEX invoice_client_idx ON invoice (client_id);
CREATE INDEX invoice_line_invoice_idx ON invoice_line (invoice_id);
CREATE INDEX invoice_line_song_idx ON invoice_line (song_id);
CREATE INDEX playlist_song_song_idx ON playlist_song (song_id);
