/* ips-test-util.h: shared helpers for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "ips-form-catalog.h"

G_BEGIN_DECLS

/* A new empty folder for one test, removed by ips_test_remove_tree(). */
char           *ips_test_make_dir      (void);
void            ips_test_remove_tree   (const char *path);
/* The file's bytes, or NULL if it does not exist. */
GBytes         *ips_test_read_bytes    (const char *path);
/* The names in @dir, sorted, joined by spaces. */
char           *ips_test_list_dir      (const char *dir);
guint           ips_test_file_mode     (const char *path);
IpsFormCatalog *ips_test_catalog       (void);
/* In a child process: become an unprivileged user when running as root,
 * so that file permissions apply as they do for a specialist. */
void            ips_test_drop_root     (void);

G_END_DECLS
