/* ips-client-file.c
 *
 * One SQLite file per client. Every edit is its own short transaction in a
 * WAL journal with synchronous=FULL, so an edit that returned is on disk.
 * Files may come from anywhere (mail, shared drives), so they are opened
 * defensively and checked before anything in them is trusted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <linux/magic.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "ips-client-file-private.h"
#include "ips-error.h"
#include "ips-file-lock.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define SQLITE_MAGIC "SQLite format 3"   /* and a NUL: 16 bytes */
#define BUSY_TIMEOUT_MS 3000
#define MAX_VALUE_BYTES (1 << 22)

struct _IpsClientFile
{
  GObject parent_instance;

  char *path;
  IpsFormCatalog *catalog;
  sqlite3 *db;
  IpsFileLock *lock;
  /* The one-value queries, prepared once: the exporters ask for every field
   * one by one, and preparing cost more than running them. */
  GHashTable *queries;         /* SQL -> sqlite3_stmt, reset when not running */

  char *id;
  char *created;
  int schema_version;
  IpsReadOnlyReason read_only_reason;
  gboolean snapshot;           /* opened immutable: IPS_CLIENT_FILE_OPEN_SNAPSHOT */
  char *read_only_message;
  gboolean restoring;
  guint group_depth;           /* ips_client_file_begin_change_group() calls not yet ended */
  guint group;                 /* the group they began, or 0 */
  guint last_group;
  guint read_depth;            /* ips_client_file_begin_read() calls not yet ended */
  gboolean read_transaction;   /* the outermost of them began a transaction */
};

G_DEFINE_FINAL_TYPE (IpsClientFile, ips_client_file, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The WAL is copied into the file every 64 pages (256 KiB, some twenty
 * edits) rather than SQLite's 1,000. Past its first checkpoint a WAL is
 * written again from its start, within its length, and syncing a write
 * that does not grow a file is about half the cost of one that does: each
 * edit's sync (bench/, the autosave case) went from 2.9 to 1.8 times a bare
 * 4 KiB write and sync. Readers (the caseload scan) also have less WAL to
 * read. Durability is the same: every commit is still synced. */
#define WAL_AUTOCHECKPOINT "PRAGMA wal_autocheckpoint = 64"

/* Each step brings a file from version i to i + 1. A released step is never
 * edited: a new version appends one. */
static const char * const migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE client_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;"
  "CREATE TABLE field_value (form TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
  "  PRIMARY KEY (form, key)) WITHOUT ROWID, STRICT;"
  "CREATE TABLE row_item (uuid TEXT PRIMARY KEY, form TEXT NOT NULL, grp TEXT NOT NULL,"
  "  position INTEGER NOT NULL) STRICT;"
  "CREATE INDEX row_item_group ON row_item (form, grp, position);"
  "CREATE TABLE row_value (row_uuid TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
  "  PRIMARY KEY (row_uuid, key)) WITHOUT ROWID, STRICT;"
  "CREATE TABLE history (id INTEGER PRIMARY KEY, time TEXT NOT NULL, author TEXT NOT NULL,"
  "  form TEXT NOT NULL, grp TEXT, row_uuid TEXT, key TEXT, action TEXT NOT NULL,"
  "  old_value TEXT, new_value TEXT) STRICT;"
  "CREATE INDEX history_field ON history (form, key);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == IPS_CLIENT_FILE_SCHEMA_VERSION);

/* What sqlite_schema holds in a file of the current version, and nothing else. */
static const char * const expected_objects[] = {
  "table client_meta", "index sqlite_autoindex_client_meta_1",
  "table field_value",
  "table row_item", "index sqlite_autoindex_row_item_1", "index row_item_group",
  "table row_value",
  "table history", "index history_field",
  NULL
};

static void
ips_client_file_dispose (GObject *object)
{
  ips_client_file_close (IPS_CLIENT_FILE (object));

  G_OBJECT_CLASS (ips_client_file_parent_class)->dispose (object);
}

static void
ips_client_file_finalize (GObject *object)
{
  IpsClientFile *self = (IpsClientFile *)object;

  g_hash_table_unref (self->queries);
  g_free (self->path);
  g_free (self->id);
  g_free (self->created);
  g_free (self->read_only_message);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (ips_client_file_parent_class)->finalize (object);
}

static void
ips_client_file_class_init (IpsClientFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ips_client_file_dispose;
  object_class->finalize = ips_client_file_finalize;

  /**
   * IpsClientFile::changed:
   * @form: the form
   * @group: (nullable): the group of rows, for row changes
   * @row: (nullable): the row id, for row changes
   * @key: (nullable): the field, for value changes
   *
   * Emitted after a change is committed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                                   G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
ips_client_file_init (IpsClientFile *self)
{
  self->queries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
}

/* Errors */

static gboolean
set_sqlite_error (GError  **error,
                  sqlite3  *db,
                  int       rc)
{
  const char *detail = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, IPS_ERROR, IPS_ERROR_NO_SPACE,
                   _("The disk is full: free some space and the change will be saved"));
      break;
    case SQLITE_READONLY:
      g_set_error (error, IPS_ERROR, IPS_ERROR_READ_ONLY,
                   _("The file cannot be written"));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, IPS_ERROR, IPS_ERROR_DAMAGED,
                   _("The file is damaged (%s)"), detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, IPS_ERROR, IPS_ERROR_LOCKED,
                   _("The file is busy in another program"));
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE,
                   _("The file cannot be opened (%s)"), detail);
      break;
    case SQLITE_IOERR:
      g_set_error (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED,
                   _("The disk reported an error (%s)"), detail);
      break;
    default:
      g_set_error (error, IPS_ERROR, IPS_ERROR_FAILED, "%s", detail);
      break;
    }
  return FALSE;
}

static gboolean
exec (IpsClientFile  *self,
      const char     *sql,
      GError        **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (error, self->db, rc);
  return TRUE;
}

static sqlite3_stmt *
prepare (IpsClientFile  *self,
         const char     *sql,
         GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  return stmt;
}

static void
bind_texts (sqlite3_stmt *stmt,
            guint         n,
            const char  **texts)
{
  for (guint i = 0; i < n; i++)
    {
      if (texts[i] == NULL)
        sqlite3_bind_null (stmt, (int)i + 1);
      else
        sqlite3_bind_text (stmt, (int)i + 1, texts[i], -1, SQLITE_TRANSIENT);
    }
}

/* Runs a statement that returns no rows, with its parameters. */
#define RUN(self, error, sql, ...) \
  run_statement (self, error, sql, G_N_ELEMENTS (((const char *[]){ __VA_ARGS__ })), \
                 (const char *[]){ __VA_ARGS__ })

static gboolean
run_statement (IpsClientFile  *self,
               GError        **error,
               const char     *sql,
               guint           n,
               const char    **texts)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_texts (stmt, n, texts);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_sqlite_error (error, self->db, rc);
  return TRUE;
}

/* The first column of the first row, or NULL. */
#define QUERY(self, sql, ...) \
  query_text (self, sql, G_N_ELEMENTS (((const char *[]){ __VA_ARGS__ })), \
              (const char *[]){ __VA_ARGS__ })

/* The statement for @sql, prepared on first use and kept: @sql is a string
 * literal, which keys it. Callers reset it (and clear its bindings) before
 * returning, so it never holds a read transaction open. */
static sqlite3_stmt *
cached_statement (IpsClientFile *self,
                  const char    *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->queries, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        return NULL;
      g_hash_table_insert (self->queries, (char *)sql, stmt);
    }
  return stmt;
}

static char *
query_text (IpsClientFile  *self,
            const char     *sql,
            guint           n,
            const char    **texts)
{
  sqlite3_stmt *stmt = cached_statement (self, sql);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  bind_texts (stmt, n, texts);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return text;
}

void
ips_client_file_begin_change_group (IpsClientFile *self)
{
  g_return_if_fail (IPS_IS_CLIENT_FILE (self));

  if (self->group_depth++ == 0)
    self->group = ++self->last_group;
}

void
ips_client_file_end_change_group (IpsClientFile *self)
{
  g_return_if_fail (IPS_IS_CLIENT_FILE (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth == 0)
    self->group = 0;
}

guint
ips_client_file_get_change_group (IpsClientFile *self)
{
  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), 0);
  return self->group;
}

static gboolean
check_writable (IpsClientFile  *self,
                GError        **error)
{
  if (self->db == NULL)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_READ_ONLY, _("The file is closed"));
      return FALSE;
    }
  if (self->read_only_reason != IPS_READ_ONLY_NONE)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_READ_ONLY, "%s",
                   self->read_only_message ? self->read_only_message : _("The file is read-only"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
begin (IpsClientFile  *self,
       GError        **error)
{
  /* An edit inside ips_client_file_begin_read() is a programming error. */
  g_return_val_if_fail (self->read_depth == 0, FALSE);
  if (!check_writable (self, error))
    return FALSE;
  if (self->restoring)
    return TRUE;
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (IpsClientFile  *self,
        GError        **error)
{
  if (self->restoring)
    return TRUE;
  if (!exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
rollback (IpsClientFile *self)
{
  if (!self->restoring && self->db != NULL && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *seconds = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (now) / 1000);
}

static gboolean
record (IpsClientFile     *self,
        const char        *form,
        const char        *group,
        const char        *row,
        const char        *key,
        IpsHistoryAction   action,
        const char        *old_value,
        const char        *new_value,
        GError           **error)
{
  g_autofree char *time = NULL;

  if (self->restoring)
    return TRUE;

  time = now_iso8601 ();
  return RUN (self, error,
              "INSERT INTO history (time, author, form, grp, row_uuid, key, action, old_value, new_value)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
              time, g_get_user_name (), form, group, row, key,
              ips_history_action_to_string (action), old_value, new_value);
}

/* Opening */

static gboolean
check_path (const char  *path,
            GError     **error)
{
  struct stat st;

  if (g_lstat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, IPS_ERROR, IPS_ERROR_NOT_FOUND, _("No such file"));
      else
        g_set_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE,
                     _("The file cannot be read: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  if (S_ISLNK (st.st_mode))
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE,
                   _("This is a link to another file; open the file itself"));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE, _("This is a folder, not a client file"));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE, _("This is not a regular file"));
      return FALSE;
    }
  if (access (path, R_OK) != 0)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE,
                   _("You do not have permission to read this file"));
      return FALSE;
    }
  if (st.st_size < 512)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_NOT_CLIENT_FILE,
                   st.st_size == 0 ? _("The file is empty; it is not a client file")
                                   : _("This is not an IPS Caseload client file"));
      return FALSE;
    }
  return TRUE;
}

static void
configure_defensively (sqlite3 *db)
{
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_FKEY, 0, NULL);
  sqlite3_limit (db, SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES);
  sqlite3_limit (db, SQLITE_LIMIT_SQL_LENGTH, 100000);
  sqlite3_limit (db, SQLITE_LIMIT_COLUMN, 100);
  sqlite3_limit (db, SQLITE_LIMIT_EXPR_DEPTH, 100);
  sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_limit (db, SQLITE_LIMIT_TRIGGER_DEPTH, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
}

/* The header is read through SQLite's own file handle: opening and closing
 * another descriptor would drop SQLite's POSIX locks on the file. */
static gboolean
check_header (sqlite3  *db,
              GError  **error)
{
  sqlite3_file *file = NULL;
  guchar header[100] = { 0 };
  guint32 application_id;
  int rc;

  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
      file == NULL || file->pMethods == NULL)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE, _("The file cannot be read"));
      return FALSE;
    }

  rc = file->pMethods->xRead (file, header, sizeof header, 0);
  if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE, _("The file cannot be read"));
      return FALSE;
    }

  if (memcmp (header, SQLITE_MAGIC, sizeof SQLITE_MAGIC) != 0)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_NOT_CLIENT_FILE,
                   _("This is not an IPS Caseload client file"));
      return FALSE;
    }

  application_id = ((guint32)header[68] << 24) | ((guint32)header[69] << 16) |
                   ((guint32)header[70] << 8) | header[71];
  if (application_id != IPS_CLIENT_FILE_APPLICATION_ID)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_NOT_CLIENT_FILE,
                   _("This is a database of another program, not an IPS Caseload client file"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_schema (IpsClientFile  *self,
              gboolean        exact,
              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  int rc;

  stmt = prepare (self, "SELECT type, name FROM sqlite_schema", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *)sqlite3_column_text (stmt, 0);
      const char *name = (const char *)sqlite3_column_text (stmt, 1);

      if (g_strcmp0 (type, "trigger") == 0 || g_strcmp0 (type, "view") == 0)
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_DAMAGED,
                       _("The file contains programmed parts that a client file never has; it was not opened"));
          return FALSE;
        }
      g_ptr_array_add (found, g_strdup_printf ("%s %s", type, name));
    }
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, rc);

  if (!exact)
    return TRUE;

  for (guint i = 0; i < found->len; i++)
    if (!g_strv_contains (expected_objects, g_ptr_array_index (found, i)))
      goto mismatch;
  for (guint i = 0; expected_objects[i]; i++)
    if (!g_ptr_array_find_with_equal_func (found, expected_objects[i], g_str_equal, NULL))
      goto mismatch;
  return TRUE;

mismatch:
  g_set_error (error, IPS_ERROR, IPS_ERROR_DAMAGED,
               _("The file’s tables are not those of a client file"));
  return FALSE;
}

static gboolean
quick_check (IpsClientFile  *self,
             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "PRAGMA quick_check(1)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_sqlite_error (error, self->db, rc);
  if (g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_DAMAGED,
                   _("The file is damaged and cannot be opened safely"));
      return FALSE;
    }
  return TRUE;
}

static int
read_user_version (IpsClientFile  *self,
                   GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "PRAGMA user_version", error);
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, self->db, rc);
      return -1;
    }
  return sqlite3_column_int (stmt, 0);
}

static gboolean
open_database_as (IpsClientFile  *self,
                  const char     *filename,
                  int             sqlite_flags,
                  GError        **error)
{
  int rc;

  rc = sqlite3_open_v2 (filename, &self->db,
                        sqlite_flags | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc);
      sqlite3_close (self->db);
      self->db = NULL;
      return FALSE;
    }
  configure_defensively (self->db);
  sqlite3_extended_result_codes (self->db, 1);
  return TRUE;
}

static gboolean
open_database (IpsClientFile  *self,
               int             sqlite_flags,
               GError        **error)
{
  return open_database_as (self, self->path, sqlite_flags, error);
}

/* Whether a connection may have @path open: it has a -wal file beside it
 * (or a rollback journal), or whether it has cannot be told. The file on
 * disk then may not hold everything written to it. */
static gboolean
may_be_open (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  struct stat st;

  return g_lstat (wal, &st) == 0 || errno != ENOENT ||
         g_lstat (journal, &st) == 0 || errno != ENOENT;
}

/* The name to open @path with for a snapshot read: SQLite's immutable mode,
 * read-only, with no locks and no -wal or -shm file. Only for a file no
 * connection has open; NULL otherwise, for the usual read-only open, which
 * sees what the -wal file holds. */
static char *
snapshot_filename (const char *path)
{
  g_autofree char *absolute = NULL;
  g_autofree char *uri = NULL;

  if (may_be_open (path))
    return NULL;
  absolute = g_canonicalize_filename (path, NULL);
  uri = g_filename_to_uri (absolute, NULL, NULL);
  return uri ? g_strconcat (uri, "?immutable=1", NULL) : NULL;
}

static gboolean
migrate (IpsClientFile  *self,
         int             from,
         GError        **error)
{
  g_autofree char *set_version = NULL;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (int v = from; v < IPS_CLIENT_FILE_SCHEMA_VERSION; v++)
    if (!exec (self, migrations[v], error))
      return rollback (self);
  set_version = g_strdup_printf ("PRAGMA user_version = %d", IPS_CLIENT_FILE_SCHEMA_VERSION);
  if (!exec (self, set_version, error) || !exec (self, "COMMIT", error))
    return rollback (self);
  self->schema_version = IPS_CLIENT_FILE_SCHEMA_VERSION;
  return TRUE;
}

static void
load_identity (IpsClientFile *self)
{
  g_free (self->id);
  self->id = QUERY (self, "SELECT value FROM client_meta WHERE name = ?", "id");
  g_free (self->created);
  self->created = QUERY (self, "SELECT value FROM client_meta WHERE name = ?", "created");
}

static void
set_read_only (IpsClientFile     *self,
               IpsReadOnlyReason  reason,
               const char        *message)
{
  self->read_only_reason = reason;
  g_free (self->read_only_message);
  self->read_only_message = g_strdup (message);
}

static gboolean check_contents (IpsClientFile  *self,
                                gboolean        read_only,
                                GError        **error);

/* Opens a copy in memory of a client file's bytes, read-only. */
static gboolean
open_copy (IpsClientFile  *self,
           GBytes         *bytes,
           GError        **error)
{
  const guchar *data;
  gsize size;
  guchar *copy;
  int rc;

  data = g_bytes_get_data (bytes, &size);
  if (size < 512)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_NOT_CLIENT_FILE,
                   size == 0 ? _("The file is empty; it is not a client file")
                             : _("This is not an IPS Caseload client file"));
      return FALSE;
    }

  rc = sqlite3_open_v2 (":memory:", &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (error, self->db, rc);
  configure_defensively (self->db);
  sqlite3_extended_result_codes (self->db, 1);

  copy = sqlite3_malloc64 (size);
  if (copy == NULL)
    return set_sqlite_error (error, NULL, SQLITE_NOMEM);
  memcpy (copy, data, size);
  /* A file saved in WAL mode says so in bytes 18 and 19; memory has no WAL,
   * so the copy is read as a rollback-journal database instead. */
  if (copy[18] == 2 && copy[19] == 2)
    copy[18] = copy[19] = 1;

  rc = sqlite3_deserialize (self->db, "main", copy, size, size,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY);
  if (rc != SQLITE_OK)
    return set_sqlite_error (error, self->db, rc);
  if (!check_header (self->db, error))
    return FALSE;

  exec (self, "PRAGMA query_only = 1", NULL);
  set_read_only (self, IPS_READ_ONLY_REQUESTED, _("Read-only"));

  return check_contents (self, TRUE, error);
}

/* The bytes of a file that nobody changed while they were read: the same
 * size and modification time before and after (a writer in WAL mode
 * changes the file itself only when it checkpoints). Read through one
 * descriptor, opened without following a link and without waiting on a
 * pipe, as the file check_path() looked at may have been replaced since. A
 * client file is a few hundred KiB; one of more than COPY_LIMIT is not read
 * into memory. */
#define COPY_LIMIT (256 * 1024 * 1024)

static GBytes *
read_unchanged_fd (int      fd,
                   GError **error)
{
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      g_autofree char *contents = NULL;
      struct stat before, after;
      gsize length = 0;

      if (fstat (fd, &before) != 0)
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE, _("The file cannot be read: %s"),
                       g_strerror (errno));
          return NULL;
        }
      if (!S_ISREG (before.st_mode))
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE, _("This is not a regular file"));
          return NULL;
        }
      if (before.st_size > COPY_LIMIT)
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE,
                       _("The file is too large to be read from a folder that cannot be written"));
          return NULL;
        }

      contents = g_malloc ((gsize)before.st_size + 1);
      while (length <= (gsize)before.st_size)
        {
          gssize n = pread (fd, contents + length, (gsize)before.st_size + 1 - length, (off_t)length);

          if (n < 0 && errno == EINTR)
            continue;
          if (n < 0)
            {
              g_set_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE, _("The file cannot be read: %s"),
                           g_strerror (errno));
              return NULL;
            }
          if (n == 0)
            break;
          length += (gsize)n;
        }

      if (fstat (fd, &after) == 0 && length == (gsize)before.st_size && before.st_size == after.st_size &&
          before.st_mtim.tv_sec == after.st_mtim.tv_sec && before.st_mtim.tv_nsec == after.st_mtim.tv_nsec)
        return g_bytes_new_take (g_steal_pointer (&contents), length);
    }
  g_set_error (error, IPS_ERROR, IPS_ERROR_LOCKED, _("The file is being changed elsewhere; try again in a moment"));
  return NULL;
}

static GBytes *
read_unchanged (const char  *path,
                GError     **error)
{
  GBytes *bytes;
  int fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

  if (fd < 0)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE, _("The file cannot be read: %s"),
                   g_strerror (errno));
      return NULL;
    }
  bytes = read_unchanged_fd (fd, error);
  close (fd);
  return bytes;
}

static gboolean
folder_is_writable (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  return g_access (folder, W_OK) == 0;
}

/* Whether @folder is on a file system other computers may share:
 * a network share (NFS, SMB, AFS, Ceph, 9P and the like) or a FUSE mount
 * (sshfs, and GNOME's mounts of network shares). SQLite's WAL keeps its
 * index in memory shared through the -shm file, and computers sharing a
 * folder do not share memory: two of them reading and writing one file
 * that way can read wrong pages or damage the file. A test cannot mount a
 * network share, so IPS_CASELOAD_NETWORK_FOLDER names a folder to be taken
 * as one. */
gboolean
ips_client_file_folder_is_on_network (const char *folder)
{
  const char *taken = g_getenv ("IPS_CASELOAD_NETWORK_FOLDER");
  struct statfs st;

  if (taken != NULL && *taken != '\0')
    {
      g_autofree char *a = g_canonicalize_filename (folder, NULL);
      g_autofree char *b = g_canonicalize_filename (taken, NULL);

      if (g_str_equal (a, b))
        return TRUE;
    }
  if (statfs (folder, &st) != 0)
    return FALSE;

  switch ((unsigned long)(unsigned int) st.f_type)
    {
    case NFS_SUPER_MAGIC:
    case SMB_SUPER_MAGIC:
    case CIFS_SUPER_MAGIC:
    case SMB2_SUPER_MAGIC:
    case AFS_SUPER_MAGIC:
    case AFS_FS_MAGIC:
    case CEPH_SUPER_MAGIC:
    case CODA_SUPER_MAGIC:
    case NCP_SUPER_MAGIC:
    case OCFS2_SUPER_MAGIC:
    case V9FS_MAGIC:
    case FUSE_SUPER_MAGIC:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
folder_is_on_network (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  return ips_client_file_folder_is_on_network (folder);
}

/* Where other computers may share the folder, the one editor (the lock
 * file sees to that) keeps SQLite's WAL index in its own memory: in
 * exclusive locking mode, set before the first read, SQLite makes no -shm
 * file, holds the file's lock until it closes, and then writes the WAL back
 * and removes it. */
static gboolean
use_private_wal_index (IpsClientFile  *self,
                       GError        **error)
{
  return exec (self, "PRAGMA locking_mode = EXCLUSIVE", error);
}

static gboolean
open_checked (IpsClientFile          *self,
              IpsClientFileOpenFlags  flags,
              GError                **error)
{
  gboolean read_only = (flags & (IPS_CLIENT_FILE_OPEN_READ_ONLY | IPS_CLIENT_FILE_OPEN_SNAPSHOT)) != 0;
  gboolean on_network, writable;
  g_autofree char *snapshot = NULL;

  if (!check_path (self->path, error))
    return FALSE;

  /* SQLite keeps a file's -wal and -shm files beside it, so a file can be
   * written, or read the usual way, only where its folder can be written.
   * Where it cannot (a shared folder open to reading, a read-only disk),
   * a reader gets a copy in memory of the file as it is on disk; a file
   * with a -wal file beside it is open for editing elsewhere, and its disk
   * copy may lack the latest edits. So does a reader on a network share,
   * where the usual read would share the editor's WAL index through the
   * -shm file (folder_is_on_network()). */
  on_network = folder_is_on_network (self->path);
  writable = folder_is_writable (self->path);
  if ((!(flags & IPS_CLIENT_FILE_OPEN_SNAPSHOT) && !writable) || (read_only && on_network))
    {
      g_autoptr(GBytes) bytes = NULL;

      if (!read_only)
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_READ_ONLY,
                       _("You do not have permission to change files in its folder"));
          return FALSE;
        }
      if (may_be_open (self->path))
        {
          const char *message;

          if (!writable)
            message = _("The file is open for editing elsewhere, and its folder cannot be written here: "
                        "it can be read once it is closed");
          else if (ips_file_lock_probe (self->path, NULL, NULL, NULL))
            message = _("The file is open for editing, and its folder is on a network share: "
                        "it can be read once it is closed");
          else
            /* Its editor stopped without closing it (a crash, a lost
             * connection); the next to open it for editing recovers it. */
            message = _("The file was not closed after it was last edited, and its folder is on a network share: "
                        "open it for editing once, and it can be read again");
          g_set_error_literal (error, IPS_ERROR, IPS_ERROR_LOCKED, message);
          return FALSE;
        }
      bytes = read_unchanged (self->path, error);
      if (bytes == NULL || !open_copy (self, bytes, error))
        return FALSE;
      /* A file from a newer version keeps saying so (open_copy()). */
      if (!writable && self->read_only_reason == IPS_READ_ONLY_REQUESTED)
        set_read_only (self, IPS_READ_ONLY_REQUESTED, _("Read-only: its folder cannot be written"));
      return TRUE;
    }

  /* Read-only readers still open read-write, with query_only: a read-only
   * connection cannot clean up the -wal and -shm files when it closes. A
   * snapshot makes none. */
  if (flags & IPS_CLIENT_FILE_OPEN_SNAPSHOT)
    snapshot = snapshot_filename (self->path);
  self->snapshot = snapshot != NULL;
  if (snapshot ? !open_database_as (self, snapshot, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, error)
               : !open_database (self, SQLITE_OPEN_READWRITE, error))
    return FALSE;
  if (!check_header (self->db, error))
    return FALSE;

  if (!read_only)
    {
      self->lock = ips_file_lock_acquire (self->path, error);
      if (self->lock == NULL)
        return FALSE;
      if (on_network && !use_private_wal_index (self, error))
        return FALSE;
    }
  else
    {
      g_autofree char *user = NULL;
      g_autofree char *host = NULL;

      exec (self, "PRAGMA query_only = 1", NULL);
      if (ips_file_lock_probe (self->path, &user, &host, NULL))
        {
          g_autofree char *message =
            g_strdup_printf (_("Read-only: open on %s by %s"),
                             host ? host : _("another computer"), user ? user : _("someone else"));
          set_read_only (self, IPS_READ_ONLY_LOCKED, message);
        }
      else
        set_read_only (self, IPS_READ_ONLY_REQUESTED, _("Read-only"));
    }

  return check_contents (self, read_only, error);
}

/* The checks of everything inside the file, common to files on disk and
 * copies in memory. */
static gboolean
check_contents (IpsClientFile  *self,
                gboolean        read_only,
                GError        **error)
{
  int version;

  version = read_user_version (self, error);
  if (version < 0)
    return FALSE;

  if (version > IPS_CLIENT_FILE_SCHEMA_VERSION)
    {
      if (!read_only)
        {
          g_set_error (error, IPS_ERROR, IPS_ERROR_NEWER_VERSION,
                       _("This file was made by a newer version of IPS Caseload; it can be opened read-only"));
          return FALSE;
        }
      /* query_only is on: nothing is ever written to a newer file. */
      set_read_only (self, IPS_READ_ONLY_NEWER_VERSION,
                     _("Read-only: made by a newer version of IPS Caseload"));
    }
  self->schema_version = version;

  if (!check_schema (self, version == IPS_CLIENT_FILE_SCHEMA_VERSION, error))
    return FALSE;
  if (!quick_check (self, error))
    return FALSE;

  if (version < IPS_CLIENT_FILE_SCHEMA_VERSION)
    {
      if (read_only || version == 0)
        {
          g_set_error (error, IPS_ERROR, version == 0 ? IPS_ERROR_DAMAGED : IPS_ERROR_READ_ONLY,
                       version == 0 ? _("The file has no client record in it")
                                    : _("This file needs updating before it can be read; open it for editing once"));
          return FALSE;
        }
      if (!migrate (self, version, error))
        return FALSE;
    }

  if (!exec (self, "PRAGMA synchronous = FULL", error) ||
      !exec (self, WAL_AUTOCHECKPOINT, error))
    return FALSE;

  load_identity (self);
  if (self->id == NULL)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_DAMAGED, _("The file has no client record in it"));
      return FALSE;
    }
  return TRUE;
}

IpsClientFile *
ips_client_file_open (const char             *path,
                      IpsFormCatalog         *catalog,
                      IpsClientFileOpenFlags  flags,
                      GError                **error)
{
  g_autoptr(IpsClientFile) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (IPS_IS_FORM_CATALOG (catalog), NULL);

  self = g_object_new (IPS_TYPE_CLIENT_FILE, NULL);
  self->path = g_strdup (path);
  self->catalog = g_object_ref (catalog);

  if (!open_checked (self, flags, error))
    return NULL;   /* dispose closes and unlocks */

  return g_steal_pointer (&self);
}

IpsClientFile *
ips_client_file_open_bytes (GBytes          *bytes,
                            IpsFormCatalog  *catalog,
                            GError         **error)
{
  g_autoptr(IpsClientFile) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (IPS_IS_FORM_CATALOG (catalog), NULL);

  self = g_object_new (IPS_TYPE_CLIENT_FILE, NULL);
  self->catalog = g_object_ref (catalog);
  if (!open_copy (self, bytes, error))
    return NULL;
  return g_steal_pointer (&self);
}

IpsClientFile *
ips_client_file_create_full (const char      *path,
                             IpsFormCatalog  *catalog,
                             const char      *id,
                             const char      *created,
                             GError         **error)
{
  g_autoptr(IpsClientFile) self = NULL;
  g_autofree char *set_id = NULL;
  g_autofree char *new_id = NULL;
  g_autofree char *now = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (IPS_IS_FORM_CATALOG (catalog), NULL);

  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, IPS_ERROR,
                   saved_errno == EEXIST ? IPS_ERROR_EXISTS
                   : saved_errno == ENOSPC ? IPS_ERROR_NO_SPACE : IPS_ERROR_WRITE_FAILED,
                   saved_errno == EEXIST ? _("A file of that name already exists")
                                         : _("The file cannot be created: %s"),
                   g_strerror (saved_errno));
      return NULL;
    }
  fchmod (fd, 0600);
  close (fd);

  self = g_object_new (IPS_TYPE_CLIENT_FILE, NULL);
  self->path = g_strdup (path);
  self->catalog = g_object_ref (catalog);

  new_id = id ? g_strdup (id) : g_uuid_string_random ();
  now = created ? g_strdup (created) : now_iso8601 ();
  set_id = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                            IPS_CLIENT_FILE_APPLICATION_ID, IPS_CLIENT_FILE_SCHEMA_VERSION);

  /* The header and schema are written in rollback mode, so they are in the
   * main file itself before it ever has a WAL. */
  if (!open_database (self, SQLITE_OPEN_READWRITE, error) ||
      !(self->lock = ips_file_lock_acquire (path, error)) ||
      (folder_is_on_network (path) && !use_private_wal_index (self, error)) ||
      !exec (self, "PRAGMA synchronous = FULL", error) ||
      !exec (self, WAL_AUTOCHECKPOINT, error) ||
      !exec (self, "BEGIN IMMEDIATE", error) ||
      !exec (self, migrations[0], error) ||
      !RUN (self, error, "INSERT INTO client_meta (name, value) VALUES ('id', ?), ('created', ?)",
            new_id, now) ||
      !exec (self, set_id, error) ||
      !exec (self, "COMMIT", error) ||
      !exec (self, "PRAGMA journal_mode = WAL", error))
    {
      rollback (self);
      ips_client_file_close (self);
      g_unlink (path);
      return NULL;
    }

  for (guint v = 1; v < IPS_CLIENT_FILE_SCHEMA_VERSION; v++)
    if (!exec (self, migrations[v], error))
      {
        ips_client_file_close (self);
        g_unlink (path);
        return NULL;
      }

  self->schema_version = IPS_CLIENT_FILE_SCHEMA_VERSION;
  load_identity (self);
  return g_steal_pointer (&self);
}

IpsClientFile *
ips_client_file_create (const char      *path,
                        IpsFormCatalog  *catalog,
                        GError         **error)
{
  return ips_client_file_create_full (path, catalog, NULL, NULL, error);
}

void
ips_client_file_close (IpsClientFile *self)
{
  g_return_if_fail (IPS_IS_CLIENT_FILE (self));

  g_hash_table_remove_all (self->queries);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  if (self->lock != NULL)
    {
      ips_file_lock_release (self->lock);
      g_clear_object (&self->lock);
    }
}

/* Properties */

gboolean
ips_client_file_is_snapshot (IpsClientFile *self)
{
  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), FALSE);
  return self->snapshot;
}

const char *
ips_client_file_get_path (IpsClientFile *self)
{
  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), NULL);
  return self->path;
}

IpsFormCatalog *
ips_client_file_get_catalog (IpsClientFile *self)
{
  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), NULL);
  return self->catalog;
}

const char *
ips_client_file_get_id (IpsClientFile *self)
{
  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), NULL);
  return self->id;
}

const char *
ips_client_file_get_created (IpsClientFile *self)
{
  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), NULL);
  return self->created;
}

int
ips_client_file_get_schema_version (IpsClientFile *self)
{
  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), 0);
  return self->schema_version;
}

gboolean
ips_client_file_get_read_only (IpsClientFile *self)
{
  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), TRUE);
  return self->read_only_reason != IPS_READ_ONLY_NONE;
}

IpsReadOnlyReason
ips_client_file_get_read_only_reason (IpsClientFile *self)
{
  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), IPS_READ_ONLY_REQUESTED);
  return self->read_only_reason;
}

const char *
ips_client_file_get_read_only_message (IpsClientFile *self)
{
  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), NULL);
  return self->read_only_message;
}

char *
ips_client_file_dup_client_name (IpsClientFile *self)
{
  g_autofree char *name = ips_client_file_get_value (self, "referral", "name");

  return name && *name ? g_steal_pointer (&name) : NULL;
}

void
ips_client_file_begin_read (IpsClientFile *self)
{
  g_return_if_fail (IPS_IS_CLIENT_FILE (self));

  if (self->read_depth++ > 0 || self->db == NULL || !sqlite3_get_autocommit (self->db))
    return;
  /* Deferred: the snapshot is taken at the first read. Should it fail, each
   * read still runs on its own, as without this call. */
  self->read_transaction = sqlite3_exec (self->db, "BEGIN DEFERRED", NULL, NULL, NULL) == SQLITE_OK;
}

void
ips_client_file_end_read (IpsClientFile *self)
{
  g_return_if_fail (IPS_IS_CLIENT_FILE (self));
  g_return_if_fail (self->read_depth > 0);

  if (--self->read_depth > 0 || !self->read_transaction)
    return;
  self->read_transaction = FALSE;
  if (self->db != NULL && !sqlite3_get_autocommit (self->db) &&
      sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Fields */

char *
ips_client_file_get_value (IpsClientFile *self,
                           const char    *form,
                           const char    *key)
{
  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), NULL);

  if (self->db == NULL)
    return NULL;
  return QUERY (self, "SELECT value FROM field_value WHERE form = ? AND key = ?", form, key);
}

static gboolean
write_value (IpsClientFile  *self,
             const char     *form,
             const char     *key,
             const char     *value,
             gboolean        recorded,
             GError        **error)
{
  IpsFieldDefinition *field;
  g_autofree char *canonical = NULL;
  g_autofree char *old = NULL;
  gboolean ok;

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), FALSE);

  field = ips_form_catalog_resolve (self->catalog, form, NULL, key, error);
  if (field == NULL || !ips_field_definition_validate (field, value, &canonical, error))
    return FALSE;
  if (!begin (self, error))
    return FALSE;

  old = QUERY (self, "SELECT value FROM field_value WHERE form = ? AND key = ?", form, key);
  if (g_strcmp0 (old ? old : "", canonical) == 0)
    {
      rollback (self);
      return TRUE;
    }

  if (*canonical == '\0')
    ok = RUN (self, error, "DELETE FROM field_value WHERE form = ? AND key = ?", form, key);
  else
    ok = RUN (self, error, "INSERT OR REPLACE INTO field_value (form, key, value) VALUES (?, ?, ?)",
              form, key, canonical);

  if (!ok || (recorded && !record (self, form, NULL, NULL, key, IPS_HISTORY_SET, old, canonical, error)) ||
      !commit (self, error))
    return rollback (self);

  if (!self->restoring)
    g_signal_emit (self, signals[CHANGED], 0, form, NULL, NULL, key);
  return TRUE;
}

gboolean
ips_client_file_set_value (IpsClientFile  *self,
                           const char     *form,
                           const char     *key,
                           const char     *value,
                           GError        **error)
{
  return write_value (self, form, key, value, TRUE, error);
}

/* Rows */

GStrv
ips_client_file_list_rows (IpsClientFile *self,
                           const char    *form,
                           const char    *group)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), NULL);

  if (self->db != NULL &&
      (stmt = cached_statement (self, "SELECT uuid FROM row_item WHERE form = ? AND grp = ?"
                                      " ORDER BY position, uuid")) != NULL)
    {
      bind_texts (stmt, 2, (const char *[]){ form, group });
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  return g_strv_builder_end (builder);
}

static gboolean
lookup_row (IpsClientFile  *self,
            const char     *row,
            char          **form,
            char          **group,
            int            *position,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT form, grp, position FROM row_item WHERE uuid = ?", error);

  if (stmt == NULL)
    return FALSE;
  bind_texts (stmt, 1, (const char *[]){ row });
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_NOT_FOUND, _("That row has been removed"));
      return FALSE;
    }
  if (form)
    *form = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  if (group)
    *group = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  if (position)
    *position = sqlite3_column_int (stmt, 2);
  return TRUE;
}

static int
count_rows (IpsClientFile *self,
            const char    *form,
            const char    *group)
{
  g_autofree char *n = QUERY (self, "SELECT count(*) FROM row_item WHERE form = ? AND grp = ?", form, group);

  return n ? atoi (n) : 0;
}

static gboolean
insert_row (IpsClientFile  *self,
            const char     *form,
            const char     *group,
            const char     *row,
            int             position,
            GError        **error)
{
  g_autofree char *pos = g_strdup_printf ("%d", position);

  return RUN (self, error, "UPDATE row_item SET position = position + 1"
                           " WHERE form = ? AND grp = ? AND position >= ?", form, group, pos) &&
         RUN (self, error, "INSERT INTO row_item (uuid, form, grp, position) VALUES (?, ?, ?, ?)",
              row, form, group, pos);
}

char *
ips_client_file_add_row (IpsClientFile  *self,
                         const char     *form,
                         const char     *group,
                         int             position,
                         GError        **error)
{
  g_autofree char *row = g_uuid_string_random ();
  g_autofree char *pos = NULL;
  int n;

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), NULL);

  if (ips_form_catalog_resolve (self->catalog, form, group, NULL, error) == NULL ||
      !begin (self, error))
    return NULL;

  n = count_rows (self, form, group);
  if (position < 0 || position > n)
    position = n;
  pos = g_strdup_printf ("%d", position);

  if (!insert_row (self, form, group, row, position, error) ||
      !record (self, form, group, row, NULL, IPS_HISTORY_ADD_ROW, NULL, pos, error) ||
      !commit (self, error))
    {
      rollback (self);
      return NULL;
    }

  g_signal_emit (self, signals[CHANGED], 0, form, group, row, NULL);
  return g_steal_pointer (&row);
}

static char *
serialize_row (IpsClientFile *self,
               const char    *row,
               int            position)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT key, value FROM row_value WHERE row_uuid = ? ORDER BY key", NULL);
  GVariantBuilder values;
  g_autoptr(GVariant) variant = NULL;

  g_variant_builder_init (&values, G_VARIANT_TYPE ("a{ss}"));
  if (stmt != NULL)
    {
      bind_texts (stmt, 1, (const char *[]){ row });
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_variant_builder_add (&values, "{ss}", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1));
    }
  variant = g_variant_ref_sink (g_variant_new ("(ia{ss})", position, &values));
  return g_variant_print (variant, FALSE);
}

gboolean
ips_client_file_remove_row (IpsClientFile  *self,
                            const char     *row,
                            GError        **error)
{
  g_autofree char *form = NULL;
  g_autofree char *group = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *pos = NULL;
  int position;

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), FALSE);

  if (!begin (self, error))
    return FALSE;
  if (!lookup_row (self, row, &form, &group, &position, error))
    return rollback (self);

  saved = serialize_row (self, row, position);
  pos = g_strdup_printf ("%d", position);
  if (!RUN (self, error, "DELETE FROM row_value WHERE row_uuid = ?", row) ||
      !RUN (self, error, "DELETE FROM row_item WHERE uuid = ?", row) ||
      !RUN (self, error, "UPDATE row_item SET position = position - 1"
                         " WHERE form = ? AND grp = ? AND position > ?", form, group, pos) ||
      !record (self, form, group, row, NULL, IPS_HISTORY_REMOVE_ROW, saved, NULL, error) ||
      !commit (self, error))
    return rollback (self);

  g_signal_emit (self, signals[CHANGED], 0, form, group, row, NULL);
  return TRUE;
}

gboolean
ips_client_file_move_row (IpsClientFile  *self,
                          const char     *row,
                          guint           position,
                          GError        **error)
{
  g_autofree char *form = NULL;
  g_autofree char *group = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  int old_position, n;
  gboolean ok;

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), FALSE);

  if (!begin (self, error))
    return FALSE;
  if (!lookup_row (self, row, &form, &group, &old_position, error))
    return rollback (self);

  n = count_rows (self, form, group);
  if ((int)position >= n)
    position = (guint)(n - 1);
  if ((int)position == old_position)
    {
      rollback (self);
      return TRUE;
    }

  from = g_strdup_printf ("%d", old_position);
  to = g_strdup_printf ("%u", position);
  if (old_position < (int)position)
    ok = RUN (self, error, "UPDATE row_item SET position = position - 1"
                           " WHERE form = ? AND grp = ? AND position > ? AND position <= ?",
              form, group, from, to);
  else
    ok = RUN (self, error, "UPDATE row_item SET position = position + 1"
                           " WHERE form = ? AND grp = ? AND position >= ? AND position < ?",
              form, group, to, from);

  if (!ok ||
      !RUN (self, error, "UPDATE row_item SET position = ? WHERE uuid = ?", to, row) ||
      !record (self, form, group, row, NULL, IPS_HISTORY_MOVE_ROW, from, to, error) ||
      !commit (self, error))
    return rollback (self);

  g_signal_emit (self, signals[CHANGED], 0, form, group, row, NULL);
  return TRUE;
}

char *
ips_client_file_get_row_value (IpsClientFile *self,
                               const char    *row,
                               const char    *key)
{
  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), NULL);

  if (self->db == NULL)
    return NULL;
  return QUERY (self, "SELECT value FROM row_value WHERE row_uuid = ? AND key = ?", row, key);
}

static gboolean
write_row_value (IpsClientFile  *self,
                 const char     *row,
                 const char     *key,
                 const char     *value,
                 gboolean        recorded,
                 GError        **error)
{
  g_autofree char *form = NULL;
  g_autofree char *group = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *old = NULL;
  IpsFieldDefinition *field;
  gboolean ok;

  if (!begin (self, error))
    return FALSE;
  if (!lookup_row (self, row, &form, &group, NULL, error))
    return rollback (self);

  field = ips_form_catalog_resolve (self->catalog, form, group, key, error);
  if (field == NULL || !ips_field_definition_validate (field, value, &canonical, error))
    return rollback (self);

  old = QUERY (self, "SELECT value FROM row_value WHERE row_uuid = ? AND key = ?", row, key);
  if (g_strcmp0 (old ? old : "", canonical) == 0)
    {
      rollback (self);
      return TRUE;
    }

  if (*canonical == '\0')
    ok = RUN (self, error, "DELETE FROM row_value WHERE row_uuid = ? AND key = ?", row, key);
  else
    ok = RUN (self, error, "INSERT OR REPLACE INTO row_value (row_uuid, key, value) VALUES (?, ?, ?)",
              row, key, canonical);

  if (!ok || (recorded && !record (self, form, group, row, key, IPS_HISTORY_SET, old, canonical, error)) ||
      !commit (self, error))
    return rollback (self);

  if (!self->restoring)
    g_signal_emit (self, signals[CHANGED], 0, form, group, row, key);
  return TRUE;
}

gboolean
ips_client_file_set_row_value (IpsClientFile  *self,
                               const char     *row,
                               const char     *key,
                               const char     *value,
                               GError        **error)
{
  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), FALSE);
  return write_row_value (self, row, key, value, TRUE, error);
}

/* History */

#define HISTORY_COLUMNS \
  "SELECT id, time, author, form, grp, row_uuid, key, action, old_value, new_value FROM history"

/* The entry of the statement's current row, or NULL for an unknown action. */
static IpsHistoryEntry *
history_entry_from_row (sqlite3_stmt *stmt)
{
  IpsHistoryAction action;

  if (!ips_history_action_from_string ((const char *)sqlite3_column_text (stmt, 7), &action))
    return NULL;
  return ips_history_entry_new (sqlite3_column_int64 (stmt, 0),
                                (const char *)sqlite3_column_text (stmt, 1),
                                (const char *)sqlite3_column_text (stmt, 2),
                                (const char *)sqlite3_column_text (stmt, 3),
                                (const char *)sqlite3_column_text (stmt, 4),
                                (const char *)sqlite3_column_text (stmt, 5),
                                (const char *)sqlite3_column_text (stmt, 6),
                                action,
                                (const char *)sqlite3_column_text (stmt, 8),
                                (const char *)sqlite3_column_text (stmt, 9));
}

GListModel *
ips_client_file_list_history (IpsClientFile *self,
                              const char    *form,
                              const char    *group,
                              const char    *row,
                              const char    *key)
{
  GListStore *store = g_list_store_new (IPS_TYPE_HISTORY_ENTRY);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), G_LIST_MODEL (store));

  if (self->db == NULL)
    return G_LIST_MODEL (store);

  stmt = prepare (self,
                  HISTORY_COLUMNS " WHERE (?1 IS NULL OR form = ?1) AND (?2 IS NULL OR grp = ?2)"
                  " AND (?3 IS NULL OR row_uuid = ?3) AND (?4 IS NULL OR key = ?4) ORDER BY id",
                  NULL);
  if (stmt == NULL)
    return G_LIST_MODEL (store);

  bind_texts (stmt, 4, (const char *[]){ form, group, row, key });
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(IpsHistoryEntry) entry = history_entry_from_row (stmt);

      if (entry != NULL)
        g_list_store_append (store, entry);
    }
  return G_LIST_MODEL (store);
}

IpsHistoryEntry *
ips_client_file_get_history_entry (IpsClientFile *self,
                                   gint64         id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), NULL);

  if (self->db == NULL || (stmt = prepare (self, HISTORY_COLUMNS " WHERE id = ?", NULL)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return history_entry_from_row (stmt);
}

gint64
ips_client_file_get_last_change_id (IpsClientFile *self)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), 0);

  if (self->db == NULL)
    return 0;
  id = query_text (self, "SELECT max(id) FROM history", 0, NULL);
  return id ? g_ascii_strtoll (id, NULL, 10) : 0;
}

static gboolean
set_entry_value (IpsClientFile    *self,
                 IpsHistoryEntry  *entry,
                 const char       *value,
                 GError          **error)
{
  const char *row = ips_history_entry_get_row (entry);
  const char *key = ips_history_entry_get_key (entry);

  if (row != NULL)
    return ips_client_file_set_row_value (self, row, key, value, error);
  return ips_client_file_set_value (self, ips_history_entry_get_form (entry), key, value, error);
}

gboolean
ips_client_file_restore_value (IpsClientFile    *self,
                               IpsHistoryEntry  *entry,
                               GError          **error)
{
  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), FALSE);
  g_return_val_if_fail (IPS_IS_HISTORY_ENTRY (entry), FALSE);

  if (ips_history_entry_get_action (entry) != IPS_HISTORY_SET)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_FAILED, _("Only a value can be restored"));
      return FALSE;
    }
  return set_entry_value (self, entry, ips_history_entry_get_new_value (entry), error);
}

static gboolean
bring_back_row (IpsClientFile    *self,
                IpsHistoryEntry  *entry,
                GError          **error)
{
  const char *form = ips_history_entry_get_form (entry);
  const char *group = ips_history_entry_get_group (entry);
  const char *row = ips_history_entry_get_row (entry);
  g_autoptr(GVariant) saved = NULL;
  g_autoptr(GVariantIter) values = NULL;
  g_autofree char *pos = NULL;
  const char *key, *value;
  int position, n;

  saved = g_variant_parse (G_VARIANT_TYPE ("(ia{ss})"), ips_history_entry_get_old_value (entry),
                           NULL, NULL, NULL);
  if (saved == NULL || ips_form_catalog_resolve (self->catalog, form, group, NULL, error) == NULL)
    {
      if (saved == NULL)
        g_set_error (error, IPS_ERROR, IPS_ERROR_DAMAGED, _("The removed row cannot be brought back"));
      return FALSE;
    }
  g_variant_get (saved, "(ia{ss})", &position, &values);

  if (!begin (self, error))
    return FALSE;
  if (lookup_row (self, row, NULL, NULL, NULL, NULL))
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_EXISTS, _("That row is already there"));
      return rollback (self);
    }

  n = count_rows (self, form, group);
  if (position < 0 || position > n)
    position = n;
  pos = g_strdup_printf ("%d", position);
  if (!insert_row (self, form, group, row, position, error))
    return rollback (self);
  while (g_variant_iter_next (values, "{&s&s}", &key, &value))
    if (ips_form_catalog_resolve (self->catalog, form, group, key, NULL) != NULL &&
        !RUN (self, error, "INSERT INTO row_value (row_uuid, key, value) VALUES (?, ?, ?)", row, key, value))
      return rollback (self);

  if (!record (self, form, group, row, NULL, IPS_HISTORY_ADD_ROW, NULL, pos, error) ||
      !commit (self, error))
    return rollback (self);

  g_signal_emit (self, signals[CHANGED], 0, form, group, row, NULL);
  return TRUE;
}

gboolean
ips_client_file_revert_change (IpsClientFile    *self,
                               IpsHistoryEntry  *entry,
                               GError          **error)
{
  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), FALSE);
  g_return_val_if_fail (IPS_IS_HISTORY_ENTRY (entry), FALSE);

  switch (ips_history_entry_get_action (entry))
    {
    case IPS_HISTORY_SET:
      return set_entry_value (self, entry, ips_history_entry_get_old_value (entry), error);
    case IPS_HISTORY_ADD_ROW:
      return ips_client_file_remove_row (self, ips_history_entry_get_row (entry), error);
    case IPS_HISTORY_REMOVE_ROW:
      return bring_back_row (self, entry, error);
    case IPS_HISTORY_MOVE_ROW:
      return ips_client_file_move_row (self, ips_history_entry_get_row (entry),
                                       (guint)g_ascii_strtoull (ips_history_entry_get_old_value (entry), NULL, 10),
                                       error);
    default:
      g_assert_not_reached ();
    }
}

gboolean
ips_client_file_check_integrity (IpsClientFile  *self,
                                 char          **report,
                                 GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  int rc;

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), FALSE);

  if (self->db == NULL || (stmt = prepare (self, "PRAGMA integrity_check", error)) == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, (const char *)sqlite3_column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, rc);

  if (report)
    *report = g_strdup (text->str);
  return g_strcmp0 (text->str, "ok") == 0;
}

/* Restoring from an export */

gboolean
ips_client_file_begin_restore (IpsClientFile  *self,
                               GError        **error)
{
  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), FALSE);

  if (!check_writable (self, error) || !exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->restoring = TRUE;
  return TRUE;
}

gboolean
ips_client_file_end_restore (IpsClientFile  *self,
                             gboolean        do_commit,
                             GError        **error)
{
  g_return_val_if_fail (IPS_IS_CLIENT_FILE (self), FALSE);

  self->restoring = FALSE;
  if (do_commit)
    {
      if (exec (self, "COMMIT", error))
        return TRUE;
    }
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

gboolean
ips_client_file_restore_field (IpsClientFile  *self,
                               const char     *form,
                               const char     *key,
                               const char     *value,
                               GError        **error)
{
  g_return_val_if_fail (self->restoring, FALSE);
  return write_value (self, form, key, value, FALSE, error);
}

gboolean
ips_client_file_restore_row (IpsClientFile  *self,
                             const char     *form,
                             const char     *group,
                             const char     *row,
                             guint           position,
                             GError        **error)
{
  g_return_val_if_fail (self->restoring, FALSE);

  if (ips_form_catalog_resolve (self->catalog, form, group, NULL, error) == NULL)
    return FALSE;
  if (!g_uuid_string_is_valid (row))
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE, _("“%s” is not a row id"), row);
      return FALSE;
    }
  if (lookup_row (self, row, NULL, NULL, NULL, NULL))
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE, _("The row id “%s” is used twice"), row);
      return FALSE;
    }
  return insert_row (self, form, group, row, (int)position, error);
}

gboolean
ips_client_file_restore_row_value (IpsClientFile  *self,
                                   const char     *row,
                                   const char     *key,
                                   const char     *value,
                                   GError        **error)
{
  g_return_val_if_fail (self->restoring, FALSE);
  return write_row_value (self, row, key, value, FALSE, error);
}

gboolean
ips_client_file_restore_history (IpsClientFile    *self,
                                 IpsHistoryEntry  *entry,
                                 GError          **error)
{
  g_return_val_if_fail (self->restoring, FALSE);

  return RUN (self, error,
              "INSERT INTO history (time, author, form, grp, row_uuid, key, action, old_value, new_value)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
              ips_history_entry_get_time (entry), ips_history_entry_get_author (entry),
              ips_history_entry_get_form (entry), ips_history_entry_get_group (entry),
              ips_history_entry_get_row (entry), ips_history_entry_get_key (entry),
              ips_history_action_to_string (ips_history_entry_get_action (entry)),
              ips_history_entry_get_old_value (entry), ips_history_entry_get_new_value (entry));
}
