# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Offline sources: FreePBX Bulk Handler CSV exports and the partner spreadsheet templates.

``tables`` reads CSV and XLSX files by header, ``columns`` defines the partner templates
(shared by the reader and ``scripts/make_partner_templates.py``), ``bulk_handler`` and
``partner`` map rows onto the canonical inventory, ``greetings`` copies provided audio and
``collect`` runs a whole file list through one :class:`InventoryBuilder`.
"""
