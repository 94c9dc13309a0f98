; Inno Setup script for LMC Desk: a per-user install that needs no admin rights.
; Build the bundle first on Windows (`make bundle`, giving dist\lmcdesk\), then:
;   iscc installer\lmcdesk.iss        -> dist\LMC-Desk-Setup-<version>.exe
; Installs into %LOCALAPPDATA%\Programs\LMC Desk, adds a Start-menu shortcut,
; registers an uninstaller for this user only.  The record itself lives in
; %LOCALAPPDATA%\LMCDesk\LMC Desk\ and is never touched by install, upgrade
; or uninstall.

#define AppName "LMC Desk"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppExe "LMC Desk.exe"

[Setup]
; A fixed id: upgrades replace the previous install instead of adding another.
AppId={{494487E9-3895-461D-8C86-95ED54950274}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=LMC Desk contributors
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user: no UAC prompt, works on locked-down practice PCs.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
UsedUserAreasWarning=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=LMC-Desk-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
CloseApplications=yes
; The icon tools/icons.py draws from resources\icons\lmcdesk.svg (also the programs' icon).
SetupIconFile=..\resources\icons\lmcdesk.ico

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: both programs share _internal\.
Source: "..\dist\lmcdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Old library files from a previous version must not linger beside new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
