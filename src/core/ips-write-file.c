/* ips-write-file.c
 *
 * Every export (ODT, XML, the caseload report) is written the same way: to a
 * private temporary file beside its destination, synced, then renamed over
 * it. A crash or a full disk leaves the old file or none, never half of one,
 * and the error names the file and folder the user chose, not the
 * temporary file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ips-error.h"
#include "ips-write-file.h"

static gboolean
set_write_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *folder_path = g_path_get_dirname (path);
  g_autofree char *folder = g_filename_display_name (folder_path);

  switch (saved_errno)
    {
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, IPS_ERROR, IPS_ERROR_NOT_FOUND,
                   _("Could not save “%s”: the folder “%s” does not exist"), name, folder);
      break;

    case EACCES:
    case EPERM:
      g_set_error (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED,
                   _("Could not save “%s”: you do not have permission to write in the folder “%s”"),
                   name, folder);
      break;

    case EROFS:
      g_set_error (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED,
                   _("Could not save “%s”: the folder “%s” is read-only"), name, folder);
      break;

    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      g_set_error (error, IPS_ERROR, IPS_ERROR_NO_SPACE,
                   _("Could not save “%s”: the disk is full. Free some space and try again."), name);
      break;

    case EISDIR:
      g_set_error (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED,
                   _("Could not save “%s”: it is a folder"), name);
      break;

    case EFBIG:
      g_set_error (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED,
                   _("Could not save “%s”: the file is larger than the folder “%s” allows"), name, folder);
      break;

    default:
      g_set_error (error, IPS_ERROR, IPS_ERROR_WRITE_FAILED,
                   _("Could not save “%s”: %s"), name, g_strerror (saved_errno));
      break;
    }
  return FALSE;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         length)
{
  while (length > 0)
    {
      ssize_t written = write (fd, data, length);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += written;
      length -= (gsize)written;
    }
  return TRUE;
}

gboolean
ips_write_file (const char  *path,
                GBytes      *contents,
                GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *temp_name = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *temp = g_build_filename (folder, temp_name, NULL);
  gsize length;
  const guint8 *data = g_bytes_get_data (contents, &length);
  int fd, saved_errno;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return set_write_error (error, EISDIR, path);

  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_write_error (error, errno, path);

  if (!write_all (fd, data, length) || fsync (fd) < 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (temp);
      return set_write_error (error, saved_errno, path);
    }
  if (close (fd) < 0)
    {
      saved_errno = errno;
      g_unlink (temp);
      return set_write_error (error, saved_errno, path);
    }
  if (g_rename (temp, path) < 0)
    {
      saved_errno = errno;
      g_unlink (temp);
      return set_write_error (error, saved_errno, path);
    }
  return TRUE;
}
