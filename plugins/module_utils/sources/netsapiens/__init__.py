# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Source adapter for another NetSapiens host: scrape one domain through ns-api v2 into the canonical inventory.

``mapping`` holds the field and routing translations (pure functions), ``scrape`` reads the
domain and downloads greeting audio, ``adapter`` assembles the inventory with the builder.
"""
