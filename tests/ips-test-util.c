/* ips-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <time.h>
#include <utime.h>
#include <unistd.h>

#include "ips-test-util.h"

#define NOBODY 65534

char *
ips_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ips-test-XXXXXX", &error);

  g_assert_no_error (error);
  /* Readable by the unprivileged user of ips_test_drop_root(). */
  g_chmod (dir, 0755);
  return dir;
}

void
ips_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  /* A test may have taken away the folder's write permission. */
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            ips_test_remove_tree (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

GBytes *
ips_test_read_bytes (const char *path)
{
  char *data = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &data, &size, NULL))
    return NULL;
  return g_bytes_new_take (data, size);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **)a, *(const char **)b);
}

char *
ips_test_list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **)names->pdata);
}

guint
ips_test_file_mode (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

void
ips_test_age_file (const char *path)
{
  struct utimbuf times;

  times.actime = times.modtime = time (NULL) - 3600;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

IpsFormCatalog *
ips_test_catalog (void)
{
  g_autoptr(GError) error = NULL;
  IpsFormCatalog *catalog = ips_form_catalog_new_default (&error);

  g_assert_no_error (error);
  return catalog;
}

void
ips_test_drop_root (void)
{
  if (getuid () == 0)
    {
      g_assert_cmpint (setgid (NOBODY), ==, 0);
      g_assert_cmpint (setuid (NOBODY), ==, 0);
    }
}

IpsClientFile *
ips_test_new_client (const char     *path,
                     IpsFormCatalog *catalog,
                     const char     *client_name)
{
  g_autoptr(GError) error = NULL;
  IpsClientFile *file = ips_client_file_create (path, catalog, &error);

  g_assert_no_error (error);
  ips_test_set (file, "referral", "name", client_name);
  return file;
}

void
ips_test_set (IpsClientFile *file,
              const char    *form,
              const char    *key,
              const char    *value)
{
  g_autoptr(GError) error = NULL;

  if (value == NULL)
    return;
  ips_client_file_set_value (file, form, key, value, &error);
  g_assert_no_error (error);
}

void
ips_test_add_row (IpsClientFile *file,
                  const char    *form,
                  const char    *group,
                  ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *row = ips_client_file_add_row (file, form, group, -1, &error);
  const char *key;
  va_list args;

  g_assert_no_error (error);
  va_start (args, group);
  while ((key = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL)
        ips_client_file_set_row_value (file, row, key, value, &error);
      g_assert_no_error (error);
    }
  va_end (args);
}

char *
ips_test_new_row (IpsClientFile *file,
                  const char    *form,
                  const char    *group)
{
  g_autoptr(GError) error = NULL;
  char *row = ips_client_file_add_row (file, form, group, -1, &error);

  g_assert_no_error (error);
  return row;
}

void
ips_test_set_row (IpsClientFile *file,
                  const char    *row,
                  const char    *key,
                  const char    *value)
{
  g_autoptr(GError) error = NULL;

  ips_client_file_set_row_value (file, row, key, value, &error);
  g_assert_no_error (error);
}

void
ips_test_write_file (const char *path,
                     const void *data,
                     gsize       size)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (path, data, (gssize)size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  g_assert_no_error (error);
}

void
ips_test_make_damaged (const char     *path,
                       IpsFormCatalog *catalog)
{
  g_autoptr(IpsClientFile) file = ips_test_new_client (path, catalog, "Damaged");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guchar *data = NULL;
  gsize size;

  for (guint i = 0; i < 400; i++)
    g_string_append (text, "A strong aptitude for computers. ");
  ips_test_set (file, "referral", "current-situation", text->str);
  ips_test_set (file, "referral", "hopes", text->str);
  ips_test_set (file, "referral", "concerns", text->str);
  ips_client_file_close (file);

  bytes = ips_test_read_bytes (path);
  size = g_bytes_get_size (bytes);
  data = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  g_assert_cmpuint (size, >=, 4096 * 4);
  for (gsize i = 4096; i < size; i += 4096)
    for (gsize j = 0; j < 12; j++)
      data[i + j] ^= 0xff;
  ips_test_write_file (path, data, size);
}
