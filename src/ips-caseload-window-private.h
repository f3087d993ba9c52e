/* ips-caseload-window-private.h: shared by the caseload window's source files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ips-caseload-entry.h"
#include "ips-caseload-scan.h"
#include "ips-caseload-window.h"

G_BEGIN_DECLS

typedef enum
{
  COLUMN_NAME,
  COLUMN_STAGE,
  COLUMN_NEXT_DUE,
  COLUMN_DUE_DATE,
  COLUMN_OVERDUE,
} Column;

struct _IpsCaseloadWindow
{
  GtkApplicationWindow parent_instance;

  /* template widgets */
  GtkWidget *view_switcher;
  GtkWidget *new_client_button;
  GtkRevealer *new_client_revealer;
  GtkEntry *new_client_entry;
  GtkLabel *new_client_error;
  GtkToggleButton *active_button;
  GtkToggleButton *closed_button;
  GtkLabel *folder_label;
  GtkSearchEntry *search_entry;
  GtkRevealer *progress_revealer;
  GtkLabel *progress_label;
  GtkProgressBar *progress_bar;
  GtkStack *mode_stack;
  GtkStack *view_stack;
  GtkStack *content_stack;
  GtkColumnView *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *stage_column;
  GtkColumnViewColumn *next_due_column;
  GtkColumnViewColumn *due_date_column;
  GtkColumnViewColumn *overdue_column;
  GtkLabel *empty_title;
  GtkLabel *empty_label;
  GtkLabel *figures_title;
  GtkListBox *figures_list;

  /* owned */
  char *folder;
  char *folder_error;
  GSettings *settings;
  IpsCaseloadScan *scan;
  GListStore *store;
  GtkCustomFilter *filter;
  GtkSortListModel *sorted;
  GCancellable *cancellable;
  GFileMonitor *monitor;
  GStrv figures;
  GDate today;
  guint rescan_id;
  guint progress_id;
  guint poll_id;
  guint poll_seconds;
  IpsCaseloadState state;
  gboolean today_fixed;
  gboolean busy;
  gboolean rescan_pending;
  gboolean client_view;
};

/* ips-caseload-window.c */
GDate _ips_caseload_window_get_today         (IpsCaseloadWindow *self);
void  _ips_caseload_window_queue_rescan      (IpsCaseloadWindow *self);

/* ips-caseload-window-columns.c: the filter, the sorters and the cells */
char *_ips_caseload_window_display_name      (IpsCaseloadEntry  *entry);
void  _ips_caseload_window_init_columns      (IpsCaseloadWindow *self);

/* ips-caseload-window-actions.c */
void  _ips_caseload_window_class_init_actions (GtkWidgetClass   *widget_class);
void  _ips_caseload_window_init_actions      (IpsCaseloadWindow *self);
void  _ips_caseload_window_hide_new_client   (IpsCaseloadWindow *self);

G_END_DECLS
