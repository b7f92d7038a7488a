-- A need's supports count follows its support rows: each support is then one statement (and
-- one commit), and supports that leave with a deleted account leave the count too. Supports
-- imported as a number (Decidim) have no row and stay in the count.
CREATE TRIGGER supports_counted_insert AFTER INSERT ON supports
BEGIN
    UPDATE needs SET supports_count = supports_count + 1 WHERE id = NEW.need_id;
END;

CREATE TRIGGER supports_counted_delete AFTER DELETE ON supports
BEGIN
    UPDATE needs SET supports_count = supports_count - 1 WHERE id = OLD.need_id;
END;
