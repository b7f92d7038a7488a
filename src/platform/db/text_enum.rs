//! Enums stored as text: statuses, sources, kinds and roles are typed end to end, from the
//! form or the database to the template, and written to the database as their names.

/// Declares an enum stored as text: each variant with its stored name, `ALL`, `as_str`,
/// `FromStr` (the stored name, nothing else), `Display`, and reading and writing through sqlx
/// (SQLite and PostgreSQL alike) and rusqlite (the direct SQLite path). A name the enum does
/// not know, read from the database, is an error, never a silent default.
///
/// ```ignore
/// text_enum! {
///     /// Where a need stands.
///     pub enum NeedStatus {
///         /// Shown to everyone.
///         Published = "published",
///         /// Hidden by a moderator.
///         Hidden = "hidden",
///     }
/// }
/// ```
#[macro_export]
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant ),+
        }

        impl $name {
            /// Every variant, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::platform::db::text_enum::UnknownName;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::platform::db::text_enum::UnknownName {
                        kind: stringify!($name),
                        name: text.to_owned(),
                    }),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<DB: ::sqlx::Database> ::sqlx::Type<DB> for $name
        where
            str: ::sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <str as ::sqlx::Type<DB>>::type_info()
            }

            fn compatible(ty: &DB::TypeInfo) -> bool {
                <str as ::sqlx::Type<DB>>::compatible(ty)
            }
        }

        impl<'q, DB: ::sqlx::Database> ::sqlx::Encode<'q, DB> for $name
        where
            &'static str: ::sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as ::sqlx::Database>::ArgumentBuffer,
            ) -> Result<::sqlx::encode::IsNull, ::sqlx::error::BoxDynError> {
                <&'static str as ::sqlx::Encode<'q, DB>>::encode_by_ref(&self.as_str(), buf)
            }
        }

        impl<'r, DB: ::sqlx::Database> ::sqlx::Decode<'r, DB> for $name
        where
            &'r str: ::sqlx::Decode<'r, DB>,
        {
            fn decode(
                value: <DB as ::sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, ::sqlx::error::BoxDynError> {
                let text = <&'r str as ::sqlx::Decode<'r, DB>>::decode(value)?;
                Ok(text.parse::<$name>()?)
            }
        }

        impl ::rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> ::rusqlite::Result<::rusqlite::types::ToSqlOutput<'_>> {
                Ok(::rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }

        impl ::rusqlite::types::FromSql for $name {
            fn column_result(
                value: ::rusqlite::types::ValueRef<'_>,
            ) -> ::rusqlite::types::FromSqlResult<Self> {
                value
                    .as_str()?
                    .parse()
                    .map_err(|error| ::rusqlite::types::FromSqlError::Other(Box::new(error)))
            }
        }
    };
}

/// A stored name that no variant of an enum has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownName {
    /// The enum.
    pub kind: &'static str,
    /// The name read.
    pub name: String,
}

impl std::fmt::Display for UnknownName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown {} {:?}", self.kind, self.name)
    }
}

impl std::error::Error for UnknownName {}

#[cfg(test)]
mod tests {
    use crate::platform::db::{ConnectOptions, Db, sqlite_url};

    crate::text_enum! {
        /// A traffic light, for the test.
        pub enum Light {
            /// Stop.
            Red = "rouge",
            /// Go.
            Green = "vert",
        }
    }

    #[test]
    fn names_are_read_and_written_strictly() {
        assert_eq!(Light::ALL, &[Light::Red, Light::Green]);
        assert_eq!(Light::Green.as_str(), "vert");
        assert_eq!("rouge".parse::<Light>(), Ok(Light::Red));
        let unknown = "Rouge".parse::<Light>().unwrap_err();
        assert_eq!(unknown.to_string(), "unknown Light \"Rouge\"");
        assert_eq!(Light::Red.to_string(), "rouge");
    }

    #[tokio::test]
    async fn both_sqlite_paths_store_the_name_and_refuse_an_unknown_one() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::connect(&ConnectOptions {
            url: sqlite_url(&dir.path().join("t.db")),
            max_connections: 1,
            pg_schema: None,
        })
        .await
        .unwrap();
        let Db::Sqlite(pool, _) = &db else {
            unreachable!()
        };
        sqlx::query("CREATE TABLE t (light TEXT)")
            .execute(pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO t VALUES ($1), ('orange')")
            .bind(Light::Green)
            .execute(pool)
            .await
            .unwrap();
        let (stored,): (String,) = sqlx::query_as("SELECT light FROM t LIMIT 1")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(stored, "vert");
        let (read,): (Light,) = sqlx::query_as("SELECT light FROM t LIMIT 1")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(read, Light::Green);
        let wrong = sqlx::query_as::<_, (Light,)>("SELECT light FROM t WHERE light = 'orange'")
            .fetch_one(pool)
            .await;
        assert!(wrong.is_err(), "an unknown name is an error");
        let connection = rusqlite::Connection::open(dir.path().join("t.db")).unwrap();
        let direct: Light = connection
            .query_row("SELECT light FROM t LIMIT 1", [], |row| row.get(0))
            .unwrap();
        assert_eq!(direct, Light::Green);
        let refused =
            connection.query_row("SELECT light FROM t WHERE light = 'orange'", [], |row| {
                row.get::<_, Light>(0)
            });
        assert!(refused.is_err());
    }
}
