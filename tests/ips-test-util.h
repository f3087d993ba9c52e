/* ips-test-util.h: shared helpers for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "ips-client-file.h"
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
/* Sets the file's modification time an hour back. */
void            ips_test_age_file      (const char *path);
IpsFormCatalog *ips_test_catalog       (void);
/* In a child process: become an unprivileged user when running as root,
 * so that file permissions apply as they do for a specialist. */
void            ips_test_drop_root     (void);

/* Client files for tests; each asserts that the store accepted the call. */
IpsClientFile  *ips_test_new_client    (const char     *path,
                                        IpsFormCatalog *catalog,
                                        const char     *client_name);
/* Sets @key of @form; a NULL value sets nothing. */
void            ips_test_set           (IpsClientFile  *file,
                                        const char     *form,
                                        const char     *key,
                                        const char     *value);
/* Adds a row to @group and sets its fields: key, value, …, NULL; a NULL
 * value leaves that field unset. */
void            ips_test_add_row       (IpsClientFile  *file,
                                        const char     *form,
                                        const char     *group,
                                        ...) G_GNUC_NULL_TERMINATED;
/* Adds an empty row to @group; its id, to free. */
char           *ips_test_new_row       (IpsClientFile  *file,
                                        const char     *form,
                                        const char     *group);
/* Sets @key of @row; a NULL value clears it. */
void            ips_test_set_row       (IpsClientFile  *file,
                                        const char     *row,
                                        const char     *key,
                                        const char     *value);
void            ips_test_write_file    (const char     *path,
                                        const void     *data,
                                        gsize           size);
/* A client file at @path whose pages after the first are broken: it fails
 * its checks when opened. */
void            ips_test_make_damaged  (const char     *path,
                                        IpsFormCatalog *catalog);

G_END_DECLS
