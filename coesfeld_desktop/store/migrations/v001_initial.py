"""Version 1: the directory tables and the user tables (Merkliste, notes, settings).

Frozen copy of what ``create_all`` wrote when version 1 was released (commit 6500a0b)."""

SQL = """
CREATE TABLE directory_info (
    id INTEGER NOT NULL,
    directory_id VARCHAR(100) NOT NULL,
    title VARCHAR(300) NOT NULL,
    published_at DATETIME NOT NULL,
    sequence INTEGER NOT NULL,
    is_demo BOOLEAN NOT NULL,
    source_language VARCHAR(20) NOT NULL,
    imported_at DATETIME NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE organization (
    id VARCHAR(100) NOT NULL,
    name VARCHAR(300) NOT NULL,
    description TEXT,
    email VARCHAR(300),
    website VARCHAR(500),
    PRIMARY KEY (id)
);

CREATE TABLE topic (
    id VARCHAR(100) NOT NULL,
    name VARCHAR(200) NOT NULL,
    parent_id VARCHAR(100),
    PRIMARY KEY (id)
);

CREATE TABLE translation (
    entity_type VARCHAR(20) NOT NULL,
    entity_id VARCHAR(100) NOT NULL,
    field VARCHAR(40) NOT NULL,
    language VARCHAR(20) NOT NULL,
    text TEXT NOT NULL,
    machine_translated BOOLEAN NOT NULL,
    outdated BOOLEAN NOT NULL,
    PRIMARY KEY (entity_type, entity_id, field, language)
);

CREATE INDEX ix_translation_entity ON translation (entity_type, entity_id);

CREATE TABLE saved_list (
    id INTEGER NOT NULL,
    name VARCHAR(200) NOT NULL,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (name)
);

CREATE TABLE note (
    offer_id VARCHAR(100) NOT NULL,
    offer_title VARCHAR(300) NOT NULL,
    text TEXT NOT NULL,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (offer_id)
);

CREATE TABLE setting (
    "key" VARCHAR(100) NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY ("key")
);

CREATE TABLE location (
    id VARCHAR(100) NOT NULL,
    organization_id VARCHAR(100),
    name VARCHAR(300),
    street VARCHAR(300),
    postcode VARCHAR(10),
    town VARCHAR(100) NOT NULL,
    district VARCHAR(100),
    latitude FLOAT,
    longitude FLOAT,
    barrier_free BOOLEAN NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(organization_id) REFERENCES organization (id)
);

CREATE INDEX ix_location_town ON location (town);

CREATE TABLE offer (
    pk INTEGER NOT NULL,
    id VARCHAR(100) NOT NULL,
    organization_id VARCHAR(100) NOT NULL,
    title VARCHAR(300) NOT NULL,
    summary TEXT,
    description TEXT,
    url VARCHAR(500),
    email VARCHAR(300),
    status VARCHAR(20) NOT NULL,
    min_age INTEGER,
    max_age INTEGER,
    pregnancy BOOLEAN NOT NULL,
    free BOOLEAN NOT NULL,
    cost TEXT,
    application_process TEXT,
    assured_date DATE,
    last_modified DATETIME,
    PRIMARY KEY (pk),
    UNIQUE (id),
    FOREIGN KEY(organization_id) REFERENCES organization (id)
);

CREATE INDEX ix_offer_organization_id ON offer (organization_id);

CREATE TABLE saved_list_entry (
    list_id INTEGER NOT NULL,
    offer_id VARCHAR(100) NOT NULL,
    offer_title VARCHAR(300) NOT NULL,
    position INTEGER NOT NULL,
    added_at DATETIME NOT NULL,
    PRIMARY KEY (list_id, offer_id),
    FOREIGN KEY(list_id) REFERENCES saved_list (id) ON DELETE CASCADE
);

CREATE TABLE accessibility (
    id VARCHAR(100) NOT NULL,
    location_id VARCHAR(100) NOT NULL,
    description TEXT NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(location_id) REFERENCES location (id)
);

CREATE INDEX ix_accessibility_location_id ON accessibility (location_id);

CREATE TABLE service_at_location (
    offer_id VARCHAR(100) NOT NULL,
    location_id VARCHAR(100) NOT NULL,
    PRIMARY KEY (offer_id, location_id),
    FOREIGN KEY(offer_id) REFERENCES offer (id) ON DELETE CASCADE,
    FOREIGN KEY(location_id) REFERENCES location (id)
);

CREATE TABLE contact (
    id VARCHAR(100) NOT NULL,
    offer_id VARCHAR(100) NOT NULL,
    name VARCHAR(200) NOT NULL,
    title VARCHAR(200),
    email VARCHAR(300),
    position INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(offer_id) REFERENCES offer (id) ON DELETE CASCADE
);

CREATE INDEX ix_contact_offer_id ON contact (offer_id);

CREATE TABLE schedule (
    id VARCHAR(100) NOT NULL,
    offer_id VARCHAR(100) NOT NULL,
    location_id VARCHAR(100),
    byday VARCHAR(40) NOT NULL,
    opens_at VARCHAR(8),
    closes_at VARCHAR(8),
    description TEXT,
    position INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(offer_id) REFERENCES offer (id) ON DELETE CASCADE
);

CREATE INDEX ix_schedule_offer_id ON schedule (offer_id);

CREATE TABLE offer_language (
    offer_id VARCHAR(100) NOT NULL,
    language VARCHAR(20) NOT NULL,
    PRIMARY KEY (offer_id, language),
    FOREIGN KEY(offer_id) REFERENCES offer (id) ON DELETE CASCADE
);

CREATE TABLE offer_topic (
    offer_id VARCHAR(100) NOT NULL,
    topic_id VARCHAR(100) NOT NULL,
    PRIMARY KEY (offer_id, topic_id),
    FOREIGN KEY(offer_id) REFERENCES offer (id) ON DELETE CASCADE,
    FOREIGN KEY(topic_id) REFERENCES topic (id)
);

CREATE TABLE offer_target_group (
    offer_id VARCHAR(100) NOT NULL,
    code VARCHAR(40) NOT NULL,
    PRIMARY KEY (offer_id, code),
    FOREIGN KEY(offer_id) REFERENCES offer (id) ON DELETE CASCADE
);

CREATE TABLE offer_life_phase (
    offer_id VARCHAR(100) NOT NULL,
    code VARCHAR(40) NOT NULL,
    PRIMARY KEY (offer_id, code),
    FOREIGN KEY(offer_id) REFERENCES offer (id) ON DELETE CASCADE
);

CREATE TABLE cost_option (
    id VARCHAR(100) NOT NULL,
    offer_id VARCHAR(100) NOT NULL,
    option TEXT,
    amount FLOAT,
    currency VARCHAR(3),
    PRIMARY KEY (id),
    FOREIGN KEY(offer_id) REFERENCES offer (id) ON DELETE CASCADE
);

CREATE INDEX ix_cost_option_offer_id ON cost_option (offer_id);

CREATE TABLE phone (
    id VARCHAR(100) NOT NULL,
    offer_id VARCHAR(100),
    contact_id VARCHAR(100),
    organization_id VARCHAR(100),
    number VARCHAR(50) NOT NULL,
    description VARCHAR(300),
    PRIMARY KEY (id),
    FOREIGN KEY(offer_id) REFERENCES offer (id) ON DELETE CASCADE,
    FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE,
    FOREIGN KEY(organization_id) REFERENCES organization (id) ON DELETE CASCADE
);

CREATE INDEX ix_phone_offer_id ON phone (offer_id);

CREATE INDEX ix_phone_organization_id ON phone (organization_id);

CREATE INDEX ix_phone_contact_id ON phone (contact_id);
"""
