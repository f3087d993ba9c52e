/* test-concurrency.c: two processes on one client file
 *
 * A lock left by a killed window is recovered at once, and the caseload scan
 * reads a file while another process writes to it, without an error, without
 * waiting for the writer and without costing the writer an edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ips-caseload-scan.h"
#include "ips-client-file.h"
#include "ips-error.h"
#include "ips-test-util.h"

typedef struct
{
  char *dir;
  char *path;
  IpsFormCatalog *catalog;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = ips_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "client-a.ipsclient", NULL);
  fixture->catalog = ips_test_catalog ();

  file = ips_client_file_create (fixture->path, fixture->catalog, &error);
  g_assert_no_error (error);
  ips_client_file_set_value (file, "referral", "name", "John", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ips_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_object_unref (fixture->catalog);
}

/* The child processes: this program run again with --hold or --write. */

static int
run_holder (const char *path)
{
  g_autoptr(IpsFormCatalog) catalog = ips_test_catalog ();
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsClientFile) file = NULL;

  file = ips_client_file_open (path, catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
  if (file == NULL)
    {
      fprintf (stderr, "holder: %s\n", error->message);
      return 1;
    }
  printf ("ready\n");
  fflush (stdout);
  for (;;)
    pause ();
  return 0;
}

/* Writes "hopes" = 0, 1, 2... acknowledging each once committed, until
 * stdin closes. */
static int
run_writer (const char *path)
{
  g_autoptr(IpsFormCatalog) catalog = ips_test_catalog ();
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsClientFile) file = NULL;

  file = ips_client_file_open (path, catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
  if (file == NULL)
    {
      fprintf (stderr, "writer: %s\n", error->message);
      return 1;
    }

  for (guint n = 0; ; n++)
    {
      g_autofree char *value = g_strdup_printf ("%u", n);
      struct timeval no_wait = { 0, 0 };
      fd_set in;

      if (!ips_client_file_set_value (file, "referral", "hopes", value, &error))
        {
          fprintf (stderr, "writer: %s\n", error->message);
          return 1;
        }
      printf ("%u\n", n);
      fflush (stdout);

      FD_ZERO (&in);
      FD_SET (0, &in);
      if (select (1, &in, NULL, NULL, &no_wait) > 0)
        return 0;
    }
}

static GPid
spawn_child (const char *mode,
             const char *path,
             int        *stdin_fd,
             FILE      **out)
{
  g_autofree char *self_path = g_test_build_filename (G_TEST_BUILT, "test-concurrency", NULL);
  const char *argv[] = { self_path, mode, path, NULL };
  g_autoptr(GError) error = NULL;
  int out_fd;
  GPid pid;

  g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, stdin_fd, &out_fd, NULL, &error);
  g_assert_no_error (error);
  *out = fdopen (out_fd, "r");
  return pid;
}

static void
test_stale_lock (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lock_path = g_strconcat (fixture->path, "-lock", NULL);
  g_autofree char *value = NULL;
  char line[64] = "";
  FILE *out;
  GPid pid;
  int status;
  gint64 start;

  pid = spawn_child ("--hold", fixture->path, NULL, &out);
  g_assert_nonnull (fgets (line, sizeof line, out));
  g_assert_cmpstr (line, ==, "ready\n");

  /* Held by another process: refused, saying by whom and since when... */
  file = ips_client_file_open (fixture->path, fixture->catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
  g_assert_null (file);
  g_assert_error (error, IPS_ERROR, IPS_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, g_get_user_name ()));
  g_assert_nonnull (strstr (error->message, g_get_host_name ()));
  g_assert_null (strstr (error->message, "unknown time"));
  g_clear_error (&error);

  /* ...and it opens read-only, saying so. */
  file = ips_client_file_open (fixture->path, fixture->catalog, IPS_CLIENT_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ips_client_file_get_read_only_reason (file), ==, IPS_READ_ONLY_LOCKED);
  value = ips_client_file_get_value (file, "referral", "name");
  g_assert_cmpstr (value, ==, "John");
  g_clear_pointer (&value, g_free);
  g_clear_object (&file);

  /* Killed with no chance to clean up: the lock file stays behind... */
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  fclose (out);
  g_assert_true (g_file_test (lock_path, G_FILE_TEST_EXISTS));

  /* ...but the file opens for writing at once, with what was saved. */
  start = g_get_monotonic_time ();
  file = ips_client_file_open (fixture->path, fixture->catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 2);
  g_assert_false (ips_client_file_get_read_only (file));
  value = ips_client_file_get_value (file, "referral", "name");
  g_assert_cmpstr (value, ==, "John");
  g_assert_true (ips_client_file_set_value (file, "referral", "hopes", "Part-time work", &error));
  g_assert_no_error (error);
}

static void
test_scan_while_writing (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  gint64 acked = -1;
  gint64 end;
  gint64 slowest = 0;
  guint scans = 0;
  char line[64];
  int stdin_fd, status;
  FILE *out;
  GPid pid;

  pid = spawn_child ("--write", fixture->path, &stdin_fd, &out);
  g_assert_nonnull (fgets (line, sizeof line, out));   /* writing has begun */

  end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      /* A new scan each time, so that every one opens the file. */
      g_autoptr(IpsCaseloadScan) scan = ips_caseload_scan_new (fixture->catalog);
      g_autoptr(GListModel) entries = NULL;
      g_autoptr(IpsCaseloadEntry) entry = NULL;
      gint64 start = g_get_monotonic_time ();

      entries = ips_caseload_scan_run (scan, fixture->dir, NULL, NULL, &error);
      g_assert_no_error (error);
      slowest = MAX (slowest, g_get_monotonic_time () - start);
      g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
      entry = g_list_model_get_item (entries, 0);
      g_assert_cmpstr (ips_caseload_entry_get_error (entry), ==, NULL);
      g_assert_cmpstr (ips_caseload_entry_get_name (entry), ==, "John");
      scans++;
    }

  /* Stop the writer; read every acknowledgement. */
  close (stdin_fd);
  while (fgets (line, sizeof line, out) != NULL)
    acked = g_ascii_strtoll (line, NULL, 10);
  fclose (out);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);   /* the writer never failed */

  g_test_message ("%u scans, slowest %" G_GINT64_FORMAT " ms, %" G_GINT64_FORMAT " edits",
                  scans, slowest / 1000, acked + 1);
  g_assert_cmpuint (scans, >, 1);
  g_assert_cmpint (acked, >, 0);
  /* Never waiting for the writer: the busy timeout is 3 s. */
  g_assert_cmpint (slowest, <, G_USEC_PER_SEC);

  /* The last acknowledged edit is there. */
  file = ips_client_file_open (fixture->path, fixture->catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  value = ips_client_file_get_value (file, "referral", "hopes");
  g_assert_cmpint (g_ascii_strtoll (value, NULL, 10), ==, acked);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_strcmp0 (argv[1], "--hold") == 0)
    return run_holder (argv[2]);
  if (argc == 3 && g_strcmp0 (argv[1], "--write") == 0)
    return run_writer (argv[2]);

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/concurrency/stale-lock", Fixture, NULL,
              fixture_set_up, test_stale_lock, fixture_tear_down);
  g_test_add ("/core/concurrency/scan-while-writing", Fixture, NULL,
              fixture_set_up, test_scan_while_writing, fixture_tear_down);

  return g_test_run ();
}
