"""The Qt user interface: thin views that call the Qt-free services."""
