/* ips-caseload-scan.c
 *
 * Each file is opened read-only (no lock, query_only, nothing written) and
 * closed again as soon as its journey is read; in WAL mode that neither
 * waits for nor delays a window that is editing the same file. A file no
 * window has open is read as it is on disk, without the -wal and -shm files
 * SQLite would make (see read_client()).
 *
 * What was read is remembered, in memory only, keyed by the file's identity,
 * size and modification and change times and those of its -wal file (where
 * edits land until a checkpoint). It holds client names, so it is never
 * written to disk: names must not leak outside the client files themselves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "ips-caseload-scan.h"
#include "ips-client-file.h"
#include "ips-error.h"

struct _IpsCaseloadScan
{
  GObject parent_instance;

  /* owned */
  IpsFormCatalog *catalog;
  GMutex cache_lock;
  GHashTable *cache;           /* path -> CacheItem; under cache_lock */
  guint n_files_read;          /* atomic */
};

G_DEFINE_FINAL_TYPE (IpsCaseloadScan, ips_caseload_scan, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The cache */

typedef struct
{
  dev_t device;
  ino_t inode;
  off_t size;
  struct timespec modified;
  struct timespec changed;
  off_t wal_size;              /* -1: no -wal file */
  struct timespec wal_modified;
} Signature;

typedef struct
{
  Signature signature;
  char *name;
  char *error;
  IpsJourney *journey;
} CacheItem;

static void
cache_item_clear (gpointer data)
{
  CacheItem *item = data;

  g_free (item->name);
  g_free (item->error);
  g_clear_pointer (&item->journey, ips_journey_unref);
}

static void
cache_item_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, cache_item_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CacheItem, cache_item_unref)

static GHashTable *
cache_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cache_item_unref);
}

static gboolean
same_time (const struct timespec *a,
           const struct timespec *b)
{
  return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

static gboolean
same_signature (const Signature *a,
                const Signature *b)
{
  return a->device == b->device && a->inode == b->inode && a->size == b->size &&
         same_time (&a->modified, &b->modified) && same_time (&a->changed, &b->changed) &&
         a->wal_size == b->wal_size && same_time (&a->wal_modified, &b->wal_modified);
}

/* FALSE when @path is gone or no longer a regular file. */
static gboolean
read_signature (const char *path,
                Signature  *signature)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  struct stat st;
  struct stat wal_st;

  if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  *signature = (Signature) {
    .device = st.st_dev,
    .inode = st.st_ino,
    .size = st.st_size,
    .modified = st.st_mtim,
    .changed = st.st_ctim,
    .wal_size = -1,
  };
  if (g_lstat (wal, &wal_st) == 0)
    {
      signature->wal_size = wal_st.st_size;
      signature->wal_modified = wal_st.st_mtim;
    }
  return TRUE;
}

/* The object */

static void
ips_caseload_scan_finalize (GObject *object)
{
  IpsCaseloadScan *self = (IpsCaseloadScan *)object;

  g_clear_object (&self->catalog);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_mutex_clear (&self->cache_lock);

  G_OBJECT_CLASS (ips_caseload_scan_parent_class)->finalize (object);
}

static void
ips_caseload_scan_class_init (IpsCaseloadScanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ips_caseload_scan_finalize;

  /**
   * IpsCaseloadScan::progress:
   * @done: files looked at so far
   * @total: files to look at
   *
   * Emitted on the main context of the caller of the scan, first with
   * @done 0 and last with @done equal to @total.
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
ips_caseload_scan_init (IpsCaseloadScan *self)
{
  g_mutex_init (&self->cache_lock);
  self->cache = cache_new ();
}

IpsCaseloadScan *
ips_caseload_scan_new (IpsFormCatalog *catalog)
{
  IpsCaseloadScan *self;

  g_return_val_if_fail (IPS_IS_FORM_CATALOG (catalog), NULL);

  self = g_object_new (IPS_TYPE_CASELOAD_SCAN, NULL);
  self->catalog = g_object_ref (catalog);
  return self;
}

guint
ips_caseload_scan_get_n_files_read (IpsCaseloadScan *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_SCAN (self), 0);
  return (guint)g_atomic_int_get (&self->n_files_read);
}

/* Reading one file */

/* Errors that may be gone in a moment are not remembered. */
static gboolean
error_is_lasting (const GError *error)
{
  return g_error_matches (error, IPS_ERROR, IPS_ERROR_NOT_CLIENT_FILE) ||
         g_error_matches (error, IPS_ERROR, IPS_ERROR_DAMAGED) ||
         g_error_matches (error, IPS_ERROR, IPS_ERROR_UNREADABLE) ||
         g_error_matches (error, IPS_ERROR, IPS_ERROR_READ_ONLY);
}

static CacheItem *
read_client_as (IpsCaseloadScan        *self,
                const char             *path,
                IpsClientFileOpenFlags  flags,
                gboolean               *snapshot,
                gboolean               *lasting)
{
  g_autoptr(CacheItem) item = g_atomic_rc_box_new0 (CacheItem);
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GError) error = NULL;

  *lasting = TRUE;
  *snapshot = FALSE;
  file = ips_client_file_open (path, self->catalog, flags, &error);
  if (file == NULL)
    {
      item->error = g_strdup (error->message);
      *lasting = error_is_lasting (error);
      return g_steal_pointer (&item);
    }
  *snapshot = ips_client_file_is_snapshot (file);

  ips_client_file_begin_read (file);
  item->name = ips_client_file_dup_client_name (file);
  if (ips_client_file_get_read_only_reason (file) == IPS_READ_ONLY_NEWER_VERSION)
    item->error = g_strdup (_("Made by a newer version of IPS Caseload; open it with that version"));
  else
    item->journey = ips_journey_read (file);
  ips_client_file_end_read (file);

  ips_client_file_close (file);
  return g_steal_pointer (&item);
}

/* Whether the file was last written long enough ago that a write made now
 * gives it another modification time, even where times are kept to the
 * kernel's clock tick or to the second. */
static gboolean
written_a_while_ago (const Signature *signature)
{
  return signature->modified.tv_sec < g_get_real_time () / G_USEC_PER_SEC - 2;
}

/* A file no window has open (no -wal file) is read as it is on disk: the
 * usual read makes a -wal and a -shm file beside it and removes them, and
 * that was a third of a first scan's time, or more in a big folder
 * (bench/NOTES.md). Such a read would not see a change made meanwhile, so
 * the file's signature is taken again after it and, when it differs, the
 * file is read again the usual way. */
static CacheItem *
read_client (IpsCaseloadScan *self,
             const char      *path,
             const Signature *signature,
             gboolean        *lasting)
{
  gboolean snapshot = FALSE;

  if (signature->wal_size < 0 && written_a_while_ago (signature))
    {
      g_autoptr(CacheItem) item = read_client_as (self, path, IPS_CLIENT_FILE_OPEN_SNAPSHOT, &snapshot, lasting);
      Signature after;

      /* Unchanged, what it read (a damaged file too) is the file as it is. */
      if (!snapshot || (read_signature (path, &after) && same_signature (signature, &after)))
        return g_steal_pointer (&item);
    }
  return read_client_as (self, path, IPS_CLIENT_FILE_OPEN_READ_ONLY, &snapshot, lasting);
}

/* The scan, in whichever thread runs it */

typedef void (*ProgressFunc) (IpsCaseloadScan *self,
                              guint            done,
                              guint            total,
                              gpointer         data);

static gboolean
list_folder (const char  *folder,
             GPtrArray   *paths,
             GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) dir_error = NULL;
  const char *name;
  struct stat st;

  /* The folder itself may be reached through a link; its contents may not. */
  if (g_stat (folder, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, IPS_ERROR, IPS_ERROR_NOT_FOUND, _("No such folder"));
      else
        g_set_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE, _("The folder cannot be read: %s"),
                     g_strerror (saved_errno));
      return FALSE;
    }
  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE, _("This is a file, not a folder"));
      return FALSE;
    }

  dir = g_dir_open (folder, 0, &dir_error);
  if (dir == NULL)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE, _("The folder cannot be read: %s"),
                   dir_error->message);
      return FALSE;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat child;

      if (!g_str_has_suffix (name, IPS_CLIENT_FILE_EXTENSION))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &child) != 0 || !S_ISREG (child.st_mode))
        continue;   /* links, folders, and files gone since */
      g_ptr_array_add (paths, g_steal_pointer (&path));
    }
  return TRUE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  return ips_caseload_entry_compare ((IpsCaseloadEntry *)a, (IpsCaseloadEntry *)b);
}

static GListModel *
scan_folder (IpsCaseloadScan  *self,
             const char       *folder,
             const GDate      *today,
             GCancellable     *cancellable,
             ProgressFunc      progress,
             gpointer          progress_data,
             GError          **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) cache = cache_new ();
  g_autoptr(GListStore) store = g_list_store_new (IPS_TYPE_CASELOAD_ENTRY);
  guint n_read = 0;

  if (!list_folder (folder, paths, error))
    return NULL;

  progress (self, 0, paths->len, progress_data);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(CacheItem) item = NULL;
      g_autoptr(IpsCaseloadEntry) entry = NULL;
      Signature signature;
      gboolean lasting = FALSE;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      /* The signature is taken before reading: an edit made while the file
       * is read changes it, and the next scan reads the file again. */
      if (!read_signature (path, &signature))
        {
          progress (self, i + 1, paths->len, progress_data);   /* gone since listed */
          continue;
        }

      g_mutex_lock (&self->cache_lock);
      item = g_hash_table_lookup (self->cache, path);
      if (item != NULL && same_signature (&item->signature, &signature))
        {
          g_atomic_rc_box_acquire (item);
          lasting = TRUE;
        }
      else
        item = NULL;
      g_mutex_unlock (&self->cache_lock);

      if (item == NULL)
        {
          item = read_client (self, path, &signature, &lasting);
          item->signature = signature;
          n_read++;
          if (!lasting && item->error != NULL)
            {
              CacheItem *before;

              /* It cannot be read for now (open for editing on a network
               * share, being written): what was read of it before stands
               * until it can, and the next scan tries again. */
              g_mutex_lock (&self->cache_lock);
              before = g_hash_table_lookup (self->cache, path);
              if (before != NULL && before->error == NULL)
                {
                  g_clear_pointer (&item, cache_item_unref);
                  item = g_atomic_rc_box_acquire (before);
                  lasting = TRUE;
                }
              g_mutex_unlock (&self->cache_lock);
            }
        }
      if (lasting)
        g_hash_table_insert (cache, g_strdup (path), g_atomic_rc_box_acquire (item));

      if (item->error != NULL)
        entry = ips_caseload_entry_new_error (path, item->name, item->error);
      else
        entry = ips_caseload_entry_new (path, item->name, item->journey, today);
      g_list_store_append (store, entry);

      progress (self, i + 1, paths->len, progress_data);
    }

  g_list_store_sort (store, compare_entries, NULL);

  /* Files gone from the folder are forgotten with the old table. */
  g_mutex_lock (&self->cache_lock);
  g_hash_table_unref (self->cache);
  self->cache = g_steal_pointer (&cache);
  g_mutex_unlock (&self->cache_lock);
  g_atomic_int_set (&self->n_files_read, (int)n_read);

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* In the calling thread */

static void
emit_progress (IpsCaseloadScan *self,
               guint            done,
               guint            total,
               gpointer         data)
{
  g_signal_emit (self, signals[PROGRESS], 0, done, total);
}

GListModel *
ips_caseload_scan_run (IpsCaseloadScan  *self,
                       const char       *folder,
                       const GDate      *today,
                       GCancellable     *cancellable,
                       GError          **error)
{
  GDate local_today;

  g_return_val_if_fail (IPS_IS_CASELOAD_SCAN (self), NULL);
  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (today == NULL || g_date_valid (today), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  local_today = today ? *today : ips_date_today ();
  return scan_folder (self, folder, &local_today, cancellable, emit_progress, NULL, error);
}

/* In a worker thread */

typedef struct
{
  char *folder;
  GDate today;
} ScanData;

static void
scan_data_free (ScanData *data)
{
  g_free (data->folder);
  g_free (data);
}

typedef struct
{
  IpsCaseloadScan *self;
  guint done;
  guint total;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->self);
  g_free (progress);
}

static gboolean
on_progress_idle (gpointer data)
{
  Progress *progress = data;

  g_signal_emit (progress->self, signals[PROGRESS], 0, progress->done, progress->total);
  return G_SOURCE_REMOVE;
}

/* An idle source on the task's context: g_main_context_invoke() could run
 * the handler here, in the worker, when nobody owns the context. */
static void
post_progress (IpsCaseloadScan *self,
               guint            done,
               guint            total,
               gpointer         data)
{
  GTask *task = data;
  g_autoptr(GSource) source = g_idle_source_new ();
  Progress *progress = g_new0 (Progress, 1);

  progress->self = g_object_ref (self);
  progress->done = done;
  progress->total = total;
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, on_progress_idle, progress, progress_free);
  g_source_set_static_name (source, "[ips] caseload scan progress");
  g_source_attach (source, g_task_get_context (task));
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  IpsCaseloadScan *self = source_object;
  ScanData *data = task_data;
  GError *error = NULL;
  GListModel *model;

  model = scan_folder (self, data->folder, &data->today, cancellable, post_progress, task, &error);
  if (model == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, model, g_object_unref);
}

void
ips_caseload_scan_run_async (IpsCaseloadScan     *self,
                             const char          *folder,
                             const GDate         *today,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ScanData *data;

  g_return_if_fail (IPS_IS_CASELOAD_SCAN (self));
  g_return_if_fail (folder != NULL);
  g_return_if_fail (today == NULL || g_date_valid (today));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ScanData, 1);
  data->folder = g_strdup (folder);
  data->today = today ? *today : ips_date_today ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ips_caseload_scan_run_async);
  g_task_set_name (task, "[ips] caseload scan");
  g_task_set_task_data (task, data, (GDestroyNotify)scan_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, scan_thread);
}

GListModel *
ips_caseload_scan_run_finish (IpsCaseloadScan  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_SCAN (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, ips_caseload_scan_run_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
