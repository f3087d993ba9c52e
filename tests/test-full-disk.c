/* test-full-disk.c: editing until the disk is full, then freeing space
 *
 * The test makes its own small file system: a tmpfs mounted in a private
 * mount namespace (as an unprivileged user, inside a user namespace too), so
 * it needs no root and leaves nothing mounted behind. Where the kernel allows
 * neither, the tests say so and skip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "ips-binder.h"
#include "ips-client-file.h"
#include "ips-error.h"
#include "ips-odt-export.h"
#include "ips-test-util.h"
#include "ips-xml-import.h"

#define DISK_SIZE "1536k"

static char *disk;           /* the small file system's folder, or NULL */
static char *no_disk_reason; /* why there is none */

static gboolean
write_file (const char *path,
            const char *text)
{
  int fd = open (path, O_WRONLY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = write (fd, text, strlen (text)) == (ssize_t)strlen (text);
  close (fd);
  return ok;
}

/* Must run before anything starts a thread: a process joins a new user
 * namespace only while it has one thread. */
static void
mount_small_disk (void)
{
  uid_t uid = getuid ();
  gid_t gid = getgid ();
  char template[] = "/tmp/ips-full-disk-XXXXXX";

  if (uid == 0)
    {
      if (unshare (CLONE_NEWNS) != 0)
        {
          no_disk_reason = g_strdup_printf ("no private mount namespace: %s", g_strerror (errno));
          return;
        }
    }
  else
    {
      g_autofree char *uid_map = g_strdup_printf ("%u %u 1\n", (guint)uid, (guint)uid);
      g_autofree char *gid_map = g_strdup_printf ("%u %u 1\n", (guint)gid, (guint)gid);

      if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0)
        {
          no_disk_reason = g_strdup_printf ("no user namespace to mount in: %s", g_strerror (errno));
          return;
        }
      /* Keep our own ids inside: files stay ours, as for a specialist. */
      write_file ("/proc/self/setgroups", "deny");
      if (!write_file ("/proc/self/uid_map", uid_map) || !write_file ("/proc/self/gid_map", gid_map))
        {
          no_disk_reason = g_strdup ("cannot map the user into the namespace");
          return;
        }
    }

  /* Nothing mounted here may reach the rest of the system. */
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    {
      no_disk_reason = g_strdup_printf ("cannot make mounts private: %s", g_strerror (errno));
      return;
    }
  if (g_mkdtemp_full (template, 0700) == NULL)
    {
      no_disk_reason = g_strdup_printf ("cannot make a folder: %s", g_strerror (errno));
      return;
    }
  if (mount ("tmpfs", template, "tmpfs", MS_NOSUID | MS_NODEV, "size=" DISK_SIZE ",mode=0700") != 0)
    {
      no_disk_reason = g_strdup_printf ("cannot mount a tmpfs: %s", g_strerror (errno));
      g_rmdir (template);
      return;
    }
  disk = g_strdup (template);
}

static void
unmount_small_disk (void)
{
  if (disk == NULL)
    return;
  umount2 (disk, MNT_DETACH);
  g_rmdir (disk);
  g_clear_pointer (&disk, g_free);
}

/* Writes a filler file until the disk refuses; returns its path. */
static char *
fill_disk (void)
{
  g_autofree char *path = g_build_filename (disk, "filler", NULL);
  char block[4096];
  int fd;

  memset (block, 'x', sizeof block);
  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  g_assert_cmpint (fd, >=, 0);
  for (;;)
    {
      ssize_t n = write (fd, block, sizeof block);

      if (n < (ssize_t)sizeof block)
        {
          g_assert_true (n >= 0 || errno == ENOSPC);
          break;
        }
    }
  /* Fill the last partial block too. */
  while (write (fd, block, 1) == 1)
    ;
  close (fd);
  return g_steal_pointer (&path);
}

static gboolean
have_disk (void)
{
  if (disk != NULL)
    return TRUE;
  g_test_skip_printf ("No small file system to fill (%s); run as root or allow user namespaces",
                      no_disk_reason);
  return FALSE;
}

static char *
long_text (gsize length)
{
  GString *text = g_string_sized_new (length);

  while (text->len < length)
    g_string_append (text, "Worked on the tills at a supermarket for two years. ");
  g_string_truncate (text, length);
  return g_string_free (text, FALSE);
}

static void
assert_value (IpsClientFile *file,
              const char    *key,
              const char    *expected)
{
  g_autofree char *value = ips_client_file_get_value (file, "referral", key);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_edit_until_full (void)
{
  g_autoptr(IpsFormCatalog) catalog = ips_test_catalog ();
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(IpsBinder) binder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *text = long_text (60000);
  g_autofree char *report = NULL;

  if (!have_disk ())
    return;

  path = g_build_filename (disk, "client.ipsclient", NULL);
  file = ips_client_file_create (path, catalog, &error);
  g_assert_no_error (error);
  binder = ips_binder_new (file);

  /* Earlier work, saved before the disk fills. */
  ips_binder_queue (binder, "referral", NULL, "name", "John");
  ips_binder_queue (binder, "referral", NULL, "hopes", "Part-time work with computers");
  g_assert_true (ips_binder_flush (binder, &error));
  g_assert_no_error (error);

  filler = fill_disk ();

  /* The edit that does not fit: a clear error, the text kept for a retry. */
  ips_binder_queue (binder, "referral", NULL, "current-situation", text);
  g_assert_false (ips_binder_flush (binder, &error));
  g_assert_error (error, IPS_ERROR, IPS_ERROR_NO_SPACE);
  g_test_message ("full: %s", error->message);
  g_clear_error (&error);
  g_assert_cmpint (ips_binder_get_state (binder), ==, IPS_SAVE_STATE_FAILED);
  g_assert_nonnull (ips_binder_get_error_message (binder));
  g_assert_nonnull (strstr (ips_binder_get_error_message (binder), "full"));
  g_assert_true (ips_binder_is_pending (binder, "referral", NULL, "current-situation"));

  /* Nothing saved earlier is lost, and nothing half-written shows. */
  assert_value (file, "name", "John");
  assert_value (file, "hopes", "Part-time work with computers");
  assert_value (file, "current-situation", NULL);

  /* Typing goes on while the disk is full: still kept. */
  ips_binder_queue (binder, "referral", NULL, "hopes", "Part-time work with computers, near home");
  g_assert_false (ips_binder_flush (binder, &error));
  g_assert_error (error, IPS_ERROR, IPS_ERROR_NO_SPACE);
  g_clear_error (&error);

  /* Space freed: the retry saves everything. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  g_assert_true (ips_binder_flush (binder, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ips_binder_get_state (binder), ==, IPS_SAVE_STATE_SAVED);
  g_assert_false (ips_binder_is_pending (binder, "referral", NULL, "current-situation"));

  g_clear_object (&binder);
  g_clear_object (&file);
  file = ips_client_file_open (path, catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ips_client_file_check_integrity (file, &report, &error));
  g_assert_no_error (error);
  assert_value (file, "name", "John");
  assert_value (file, "hopes", "Part-time work with computers, near home");
  assert_value (file, "current-situation", text);
  g_clear_object (&file);
  g_unlink (path);
}

static void
test_create_when_full (void)
{
  g_autoptr(IpsFormCatalog) catalog = ips_test_catalog ();
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *xml_path = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autofree char *listing = NULL;

  if (!have_disk ())
    return;

  xml_path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "john.xml", NULL);
  xml = ips_test_read_bytes (xml_path);
  g_assert_nonnull (xml);

  path = g_build_filename (disk, "new.ipsclient", NULL);
  filler = fill_disk ();

  file = ips_client_file_create (path, catalog, &error);
  g_assert_null (file);
  g_assert_error (error, IPS_ERROR, IPS_ERROR_NO_SPACE);
  g_clear_error (&error);

  file = ips_xml_import (xml, path, catalog, &error);
  g_assert_null (file);
  g_assert_error (error, IPS_ERROR, IPS_ERROR_NO_SPACE);
  g_clear_error (&error);

  /* Nothing half-made is left behind. */
  listing = ips_test_list_dir (disk);
  g_assert_cmpstr (listing, ==, "filler");
  g_unlink (filler);
}

static void
test_export_when_full (void)
{
  g_autoptr(IpsFormCatalog) catalog = ips_test_catalog ();
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *odt = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *text = long_text (20000);

  if (!have_disk ())
    return;

  path = g_build_filename (disk, "client.ipsclient", NULL);
  odt = g_build_filename (disk, "client.odt", NULL);
  file = ips_client_file_create (path, catalog, &error);
  g_assert_no_error (error);
  g_assert_true (ips_client_file_set_value (file, "referral", "current-situation", text, &error));
  g_assert_no_error (error);
  filler = fill_disk ();

  /* The export fails, and leaves no part-written document or temporary file. */
  g_assert_false (ips_odt_export_to_file (file, NULL, 0, odt, &error));
  g_assert_nonnull (error);
  g_test_message ("export: %s", error->message);
  g_clear_error (&error);
  listing = ips_test_list_dir (disk);
  g_assert_cmpstr (listing, ==,
                   "client.ipsclient client.ipsclient-lock client.ipsclient-shm client.ipsclient-wal filler");
  g_clear_object (&file);
  g_unlink (filler);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  mount_small_disk ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/full-disk/edit-until-full", test_edit_until_full);
  g_test_add_func ("/core/full-disk/create-when-full", test_create_when_full);
  g_test_add_func ("/core/full-disk/export-when-full", test_export_when_full);

  status = g_test_run ();
  unmount_small_disk ();
  g_free (no_disk_reason);
  return status;
}
