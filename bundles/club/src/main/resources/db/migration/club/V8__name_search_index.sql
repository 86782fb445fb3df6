-- Search as you type among millions of members: every word of a member's name (normalised like search_name) is kept
-- with each of its prefixes of 2 to 12 letters, so that what is typed is found by an index (token, newest first)
-- instead of a scan of every name. Members who were there before this table are indexed by the club in the background
-- (club_name_index_state); until it is done the search scans as before.
CREATE TABLE club_member_name_token (
    member_id  VARCHAR(36) NOT NULL REFERENCES club_member (id),
    token      VARCHAR(48) NOT NULL,     -- 12 letters (room for any script in UTF-16)
    joined_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (member_id, token)
);
CREATE INDEX club_member_name_token_newest ON club_member_name_token (token, joined_at DESC, member_id);

CREATE TABLE club_name_index_state (
    id        INT PRIMARY KEY,
    after_id  VARCHAR(36),            -- the backfill's position (members in id order)
    done      BOOLEAN NOT NULL
);
INSERT INTO club_name_index_state (id, after_id, done) VALUES (1, NULL, FALSE);
