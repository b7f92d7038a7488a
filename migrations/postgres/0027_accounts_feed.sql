-- The change feed follows the accounts behind sessions (`platform::db::kept`, family
-- Accounts): a server keeps who a session belongs to until a session ends, an account
-- changes or a role is granted or revoked. A session's expiry sliding forward (an update of
-- its times) tells no one: a server that kept the old expiry asks again once it passes. Nor
-- does a new session: its token is random and new, so no server can have looked it up (and
-- kept that it was unknown) before.

CREATE TRIGGER sessions_notified AFTER DELETE OR TRUNCATE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
CREATE TRIGGER sessions_moved_notified AFTER UPDATE OF token_hash, user_id ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
CREATE TRIGGER users_notified AFTER UPDATE OR DELETE OR TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
CREATE TRIGGER user_roles_notified AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_roles
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
