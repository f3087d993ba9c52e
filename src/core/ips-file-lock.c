/* ips-file-lock.c
 *
 * An open file description lock (F_OFD_SETLK) on a small file beside the
 * client file. OFD locks belong to the open file, not to the process, so
 * closing some other descriptor of the same file (as SQLite and GIO do)
 * cannot drop them, and the kernel releases them when the holder dies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ips-error.h"
#include "ips-file-lock.h"

#define NOTE_GROUP "Lock"
#define MAX_NOTE_SIZE 4096

struct _IpsFileLock
{
  GObject parent_instance;

  char *lock_path;
  int fd;
};

G_DEFINE_FINAL_TYPE (IpsFileLock, ips_file_lock, G_TYPE_OBJECT)

static void
ips_file_lock_finalize (GObject *object)
{
  ips_file_lock_release (IPS_FILE_LOCK (object));
  g_free (IPS_FILE_LOCK (object)->lock_path);

  G_OBJECT_CLASS (ips_file_lock_parent_class)->finalize (object);
}

static void
ips_file_lock_class_init (IpsFileLockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ips_file_lock_finalize;
}

static void
ips_file_lock_init (IpsFileLock *self)
{
  self->fd = -1;
}

char *
ips_file_lock_get_lock_path (const char *path)
{
  return g_strconcat (path, "-lock", NULL);
}

static gboolean
read_note (int         fd,
           char      **user,
           char      **host,
           GDateTime **since)
{
  g_autoptr(GKeyFile) note = g_key_file_new ();
  char buffer[MAX_NOTE_SIZE + 1];
  ssize_t n = pread (fd, buffer, MAX_NOTE_SIZE, 0);
  g_autofree char *since_text = NULL;

  if (n <= 0)
    return FALSE;
  buffer[n] = '\0';
  if (!g_key_file_load_from_data (note, buffer, (gsize)n, G_KEY_FILE_NONE, NULL))
    return FALSE;

  if (user)
    *user = g_key_file_get_string (note, NOTE_GROUP, "User", NULL);
  if (host)
    *host = g_key_file_get_string (note, NOTE_GROUP, "Host", NULL);
  since_text = g_key_file_get_string (note, NOTE_GROUP, "Since", NULL);
  if (since)
    *since = since_text ? g_date_time_new_from_iso8601 (since_text, NULL) : NULL;
  return TRUE;
}

static void
set_locked_error (GError **error,
                  int      fd)
{
  g_autofree char *user = NULL;
  g_autofree char *host = NULL;
  g_autoptr(GDateTime) since = NULL;
  g_autofree char *when = NULL;

  read_note (fd, &user, &host, &since);
  if (since != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (since);
      when = g_date_time_format (local, "%-d %B %Y %H:%M");
    }

  g_set_error (error, IPS_ERROR, IPS_ERROR_LOCKED,
               _("Open on %s by %s since %s"),
               host ? host : _("another computer"),
               user ? user : _("someone else"),
               when ? g_strstrip (when) : _("an unknown time"));
}

static gboolean
write_note (int fd)
{
  g_autoptr(GKeyFile) note = g_key_file_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *since = g_date_time_format_iso8601 (now);
  g_autofree char *data = NULL;
  gsize length;

  g_key_file_set_string (note, NOTE_GROUP, "User", g_get_user_name ());
  g_key_file_set_string (note, NOTE_GROUP, "Host", g_get_host_name ());
  g_key_file_set_int64 (note, NOTE_GROUP, "Pid", getpid ());
  g_key_file_set_string (note, NOTE_GROUP, "Since", since);
  data = g_key_file_to_data (note, &length, NULL);

  return ftruncate (fd, 0) == 0 && pwrite (fd, data, length, 0) == (ssize_t)length;
}

static int
try_lock (int   fd,
          short type)
{
  struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };

  return fcntl (fd, F_OFD_SETLK, &fl);
}

IpsFileLock *
ips_file_lock_acquire (const char  *path,
                       GError     **error)
{
  g_autoptr(IpsFileLock) self = g_object_new (IPS_TYPE_FILE_LOCK, NULL);

  g_return_val_if_fail (path != NULL, NULL);

  self->lock_path = ips_file_lock_get_lock_path (path);

  /* A holder that closes cleanly removes the file; a new opener may race
   * with that, so check that the file locked is still the one at the path. */
  for (guint attempt = 0; attempt < 10; attempt++)
    {
      struct stat locked, current;
      int fd;

      fd = open (self->lock_path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved_errno = errno;

          g_set_error (error, IPS_ERROR,
                       saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM
                         ? IPS_ERROR_READ_ONLY : IPS_ERROR_FAILED,
                       _("Cannot mark the file as in use: %s"), g_strerror (saved_errno));
          return NULL;
        }

      if (try_lock (fd, F_WRLCK) != 0)
        {
          int saved_errno = errno;

          if (saved_errno == EAGAIN || saved_errno == EACCES)
            set_locked_error (error, fd);
          else if (saved_errno == ENOLCK || saved_errno == EINVAL)
            {
              /* The file system has no locks (some network shares): go on unlocked. */
              self->fd = fd;
              write_note (fd);
              return g_steal_pointer (&self);
            }
          else
            g_set_error (error, IPS_ERROR, IPS_ERROR_FAILED,
                         _("Cannot mark the file as in use: %s"), g_strerror (saved_errno));
          close (fd);
          return NULL;
        }

      if (fstat (fd, &locked) == 0 && g_lstat (self->lock_path, &current) == 0 &&
          locked.st_ino == current.st_ino && locked.st_dev == current.st_dev)
        {
          fchmod (fd, 0600);
          write_note (fd);
          self->fd = fd;
          return g_steal_pointer (&self);
        }

      close (fd);
    }

  g_set_error (error, IPS_ERROR, IPS_ERROR_FAILED, _("Cannot mark the file as in use"));
  return NULL;
}

void
ips_file_lock_release (IpsFileLock *self)
{
  g_return_if_fail (IPS_IS_FILE_LOCK (self));

  if (self->fd < 0)
    return;

  /* Unlink while still holding the lock, so nobody locks a file about to vanish. */
  g_unlink (self->lock_path);
  close (self->fd);
  self->fd = -1;
}

gboolean
ips_file_lock_probe (const char  *path,
                     char       **user,
                     char       **host,
                     GDateTime  **since)
{
  g_autofree char *lock_path = ips_file_lock_get_lock_path (path);
  struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
  gboolean held = FALSE;
  int fd;

  fd = open (lock_path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return FALSE;

  /* Ask without taking a lock: even a moment's read lock here would make a
   * window opening the file at that moment think it is open elsewhere. */
  if (fcntl (fd, F_OFD_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
    {
      held = TRUE;
      read_note (fd, user, host, since);
    }

  close (fd);
  return held;
}
