-- A need's supports count follows its support rows: each support is then one statement (and
-- one commit), and supports that leave with a deleted account leave the count too. Supports
-- imported as a number (Decidim) have no row and stay in the count.
CREATE FUNCTION count_supports() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE needs SET supports_count = supports_count + 1 WHERE id = NEW.need_id;
    ELSE
        UPDATE needs SET supports_count = supports_count - 1 WHERE id = OLD.need_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER supports_counted AFTER INSERT OR DELETE ON supports
    FOR EACH ROW EXECUTE FUNCTION count_supports();
