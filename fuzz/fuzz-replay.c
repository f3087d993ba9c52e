/* fuzz-replay.c: a fuzz target's checked-in corpus, replayed as a test
 *
 * Without libFuzzer, each file of fuzz/corpus/<target>/ is one test case
 * calling the target's LLVMFuzzerTestOneInput(), so an input that once
 * crashed keeps being tried in every build, sanitizers or not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static void
test_replay (gconstpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (LLVMFuzzerTestOneInput ((const uint8_t *)contents, length), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *corpus = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *name;

  g_test_init (&argc, &argv, NULL);

  corpus = g_test_build_filename (G_TEST_DIST, "corpus", FUZZ_TARGET, NULL);
  dir = g_dir_open (corpus, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >, 0);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *test_path = g_strdup_printf ("/fuzz/%s/%s", FUZZ_TARGET, file);

      g_test_add_data_func_full (test_path, g_build_filename (corpus, file, NULL),
                                 test_replay, g_free);
    }

  return g_test_run ();
}
