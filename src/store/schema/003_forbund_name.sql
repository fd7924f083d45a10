-- 003: a förbund's name is unique (case-insensitive), so two förbund can
-- always be told apart in lists; the store answers B_CONFLICT.
CREATE UNIQUE INDEX forbund_name_unique ON forbund (lower(name));
