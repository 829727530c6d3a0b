# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""nslab: an emulator of the NetSapiens ns-api v2 endpoints the collection uses."""
from __future__ import annotations

from .seeds import synthetic_domain
from .server import LabServer

__all__ = ["LabServer", "synthetic_domain"]
