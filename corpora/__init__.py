"""The bundled default report (nanan-2023.txt)."""
